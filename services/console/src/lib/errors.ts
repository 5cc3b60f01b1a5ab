// What went wrong, in Chinese, where the user looks: a payload's errors at
// their form fields, everything else in one line above the form.
import type { CombinedError } from '@urql/core'

export interface PayloadError {
  code: string
  field?: string | null
  message: string
}

export interface FormErrors {
  /** Form field → message, for `<el-form-item :error>`. */
  fields: Record<string, string>
  /** Errors that name no field of this form (a stale version, a refused transition). */
  general: string[]
}

/**
 * Sort a payload's errors onto the form's fields. `aliases` maps an API field
 * name to the form's when they differ (e.g. `id` → the whole form).
 */
export function formErrors(
  errors: readonly PayloadError[],
  formFields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): FormErrors {
  const fields: Record<string, string> = {}
  const general: string[] = []
  for (const e of errors) {
    const raw = e.field ?? ''
    // "input.title" and "title" both name the form's title
    const name = aliases[raw] ?? raw.split('.').pop() ?? ''
    if (name && formFields.includes(name)) {
      fields[name] = fields[name] ? `${fields[name]}；${e.message}` : e.message
    } else {
      general.push(e.message)
    }
  }
  return { fields, general }
}

export const MESSAGES = {
  network: '无法连接服务器，请稍后重试（已填写的内容已保留）',
  outage: '服务暂时不可用，请稍后重试（已填写的内容已保留）',
  expired: '登录已过期，请重新登录',
  forbidden: '无权进行此操作（角色不足或超出管辖范围）',
  unexpected: '操作未完成：服务器出现意外错误，请稍后重试',
} as const

function codeOf(error: CombinedError): string | undefined {
  for (const e of error.graphQLErrors) {
    const code = e.extensions?.code
    if (typeof code === 'string') return code
  }
  return undefined
}

export function isUnauthenticated(error: CombinedError | undefined | null): boolean {
  return !!error && codeOf(error) === 'UNAUTHENTICATED'
}

/** One Chinese sentence for a failed request (not a payload's own errors). */
export function describeFailure(error: CombinedError): string {
  if (error.networkError) {
    const status = (error.response as { status?: number } | undefined)?.status
    return status !== undefined && status >= 500 ? MESSAGES.outage : MESSAGES.network
  }
  const code = codeOf(error)
  if (code === 'UNAUTHENTICATED') return MESSAGES.expired
  if (code === 'FORBIDDEN') return MESSAGES.forbidden
  const first = error.graphQLErrors[0]?.message
  // The API's expected refusals are already Chinese; its faults say "Unexpected error."
  if (first && /[\u4e00-\u9fff]/.test(first)) return first
  return MESSAGES.unexpected
}
