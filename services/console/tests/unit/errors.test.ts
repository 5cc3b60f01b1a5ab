import { CombinedError } from '@urql/core'
import { GraphQLError } from 'graphql'
import { describe, expect, it } from 'vitest'
import { describeFailure, formErrors, isUnauthenticated, MESSAGES } from '../../src/lib/errors'
import { settle } from '../../src/lib/outcome'

const FIELDS = ['title', 'body', 'displayEnd', 'scope']

function graphQLError(message: string, code?: string): CombinedError {
  return new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: code ? { code } : {} })] })
}

describe('payload errors on the form', () => {
  it('each lands at its field, in the API’s Chinese', () => {
    const { fields, general } = formErrors(
      [
        { code: 'TOO_LONG', field: 'title', message: '标题不能超过30个字（现有31个）' },
        { code: 'INVALID', field: 'input.displayEnd', message: '展示结束时间须晚于开始时间' },
      ],
      FIELDS,
    )
    expect(fields).toEqual({ title: '标题不能超过30个字（现有31个）', displayEnd: '展示结束时间须晚于开始时间' })
    expect(general).toEqual([])
  })

  it('those naming no field of the form go above it', () => {
    const { fields, general } = formErrors(
      [
        { code: 'CONFLICT', field: 'version', message: '通知已被他人修改（当前版本 3），请刷新后重试' },
        { code: 'INVALID_CREDENTIALS', field: null, message: '用户名或密码错误' },
      ],
      FIELDS,
    )
    expect(fields).toEqual({})
    expect(general).toEqual(['通知已被他人修改（当前版本 3），请刷新后重试', '用户名或密码错误'])
  })

  it('two problems with one field are both shown', () => {
    const { fields } = formErrors(
      [
        { code: 'REQUIRED', field: 'body', message: '请填写正文' },
        { code: 'INVALID', field: 'body', message: '正文含有不可见字符' },
      ],
      FIELDS,
    )
    expect(fields.body).toBe('请填写正文；正文含有不可见字符')
  })
})

describe('failed requests say what happened, in Chinese', () => {
  it('no connection', () => {
    const error = new CombinedError({ networkError: new TypeError('Failed to fetch') })
    expect(describeFailure(error)).toBe(MESSAGES.network)
    expect(MESSAGES.network).toContain('无法连接服务器，请稍后重试')
  })

  it('the service down behind its proxy (HTTP 502/503)', () => {
    const error = new CombinedError({ networkError: new Error('Bad Gateway'), response: { status: 502 } })
    expect(describeFailure(error)).toBe(MESSAGES.outage)
  })

  it('an expired session and a refusal', () => {
    const expired = graphQLError('请先登录（需要工作人员令牌）', 'UNAUTHENTICATED')
    expect(describeFailure(expired)).toBe(MESSAGES.expired)
    expect(isUnauthenticated(expired)).toBe(true)
    expect(describeFailure(graphQLError('无权操作', 'FORBIDDEN'))).toBe(MESSAGES.forbidden)
  })

  it('the API’s own Chinese refusal is shown as it is; an English fault is not', () => {
    expect(describeFailure(graphQLError('请求体不是有效的 UTF-8', 'BAD_USER_INPUT'))).toBe('请求体不是有效的 UTF-8')
    expect(describeFailure(graphQLError('Unexpected error.'))).toBe(MESSAGES.unexpected)
  })
})

describe('settling a mutation for a form', () => {
  const pick = (d: { noticeCreate: { errors: { code: string; field: string | null; message: string }[] } }) => d.noticeCreate

  it('done', () => {
    expect(settle({ data: { noticeCreate: { errors: [] } } }, pick, FIELDS)).toEqual({ ok: true, payload: { errors: [] } })
  })

  it('refused by the payload: per field', () => {
    const data = { noticeCreate: { errors: [{ code: 'REQUIRED', field: 'title', message: '请填写标题' }] } }
    expect(settle({ data }, pick, FIELDS)).toEqual({ ok: false, fields: { title: '请填写标题' }, general: [] })
  })

  it('not delivered: one general message, nothing at the fields', () => {
    const error = new CombinedError({ networkError: new TypeError('Failed to fetch') })
    expect(settle({ data: undefined, error }, pick, FIELDS)).toEqual({ ok: false, fields: {}, general: [MESSAGES.network] })
  })
})
