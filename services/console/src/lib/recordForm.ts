// What the community-record pages do with a kind's description (recordKinds.ts):
// which community and year a list shows, the form's starting values, the checks
// made before asking the API, and the inputs sent to it.
import type { PayloadError } from './errors'
import { charCount } from './labels'
import type { FieldSpec, FormValues, KindSpec, Options, RecordKind, RecordRow } from './recordKinds'
import type { RegionNode } from './regions'
import { cityNowWall } from './time'

/** The plan was issued in 2024: the year picker starts there. */
export const FIRST_YEAR = 2024
// The API's own bounds for a record's year (assessment/engine.py).
const MIN_YEAR = 2000
const MAX_YEAR = 2100

/** The year in Zibo now, whatever the browser's zone (New Year's Eve in New York is already 1 January there). */
export function cityYear(now: number = Date.now()): number {
  return Number(cityNowWall(now).slice(0, 4))
}

/** Today in Zibo, "YYYY-MM-DD". */
export function cityToday(now: number = Date.now()): string {
  return cityNowWall(now).slice(0, 10)
}

/** The years offered, newest first: from the plan's year to next year (plans are made ahead). */
export function yearOptions(now: number = Date.now(), shown?: number): number[] {
  const last = cityYear(now) + 1
  const first = Math.min(FIRST_YEAR, shown ?? FIRST_YEAR)
  const years: number[] = []
  for (let y = Math.max(last, shown ?? last); y >= first; y--) years.push(y)
  return years
}

/** The year asked for in the address if it is one the API accepts, else this year. */
export function chooseYear(requested: unknown, now: number = Date.now()): number {
  const year = Number(Array.isArray(requested) ? requested[0] : requested)
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR ? year : cityYear(now)
}

/** The communities under a scope's tree, in the tree's order. */
export function communitiesIn(tree: RegionNode | null): RegionNode[] {
  if (!tree) return []
  if (tree.level === 'COMMUNITY') return [tree]
  return tree.children.flatMap(communitiesIn)
}

/**
 * The community a list shows: the one in the address if it lies inside my
 * scope (an address cannot show another community's records), else my first.
 */
export function chooseCommunity(requested: unknown, tree: RegionNode | null): string | null {
  const mine = communitiesIn(tree)
  const wanted = Array.isArray(requested) ? requested[0] : requested
  return (mine.find((c) => c.id === wanted) ?? mine[0])?.id ?? null
}

export interface FormContext {
  community: string | null
  year: number
  /** "YYYY-MM-DD" in Zibo: a new date field starts there. */
  today: string
}

function blankValue(field: FieldSpec, ctx: FormContext): unknown {
  switch (field.type) {
    case 'community': return ctx.community
    case 'year': return ctx.year
    case 'text':
    case 'textarea': return ''
    case 'switch': return false
    case 'date': return ctx.today
    default: return null
  }
}

/** A new record's form. */
export function blankForm(spec: KindSpec, ctx: FormContext): FormValues {
  return Object.fromEntries(spec.fields.map((f) => [f.key, blankValue(f, ctx)]))
}

/** The form for correcting `row`: what the API holds, field by field. */
export function formFromRecord(spec: KindSpec, row: RecordRow, ctx: FormContext): FormValues {
  const form = blankForm(spec, ctx)
  for (const f of spec.fields) {
    if (f.type !== 'community' && f.type !== 'year' && row[f.key] !== undefined) form[f.key] = row[f.key]
  }
  return form
}

const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && !v.trim())

/** What the form can tell before the API does: a required field left empty, a text too long. */
export function localProblems(spec: KindSpec, form: FormValues, editing: boolean): Record<string, string> {
  const problems: Record<string, string> = {}
  for (const f of spec.fields) {
    if (editing && f.createOnly) continue
    const value = form[f.key]
    if (f.required && isBlank(value)) {
      const typed = f.type === 'text' || f.type === 'textarea' || f.type === 'integer' || f.type === 'decimal'
      problems[f.key] = `${typed ? '请填写' : '请选择'}${f.label}`
    } else if (f.maxChars !== undefined && typeof value === 'string' && charCount(value.trim()) > f.maxChars) {
      problems[f.key] = `${f.label}不能超过${f.maxChars}个字（现有${charCount(value.trim())}个）`
    }
  }
  return problems
}

function sent(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value
}

/** The create input: every field of the form. */
export function createInput(spec: KindSpec, form: FormValues): Record<string, unknown> {
  return Object.fromEntries(spec.fields.map((f) => [f.key, sent(form[f.key])]))
}

/**
 * The update input: the record at the version the form was filled from, and
 * every field the update may change (an emptied measure is sent as null, which
 * clears it; the API keeps what it already has for anything not sent).
 */
export function updateInput(spec: KindSpec, form: FormValues, row: RecordRow): Record<string, unknown> {
  const changes = spec.fields.filter((f) => !f.createOnly).map((f) => [f.key, sent(form[f.key])])
  return { id: row.id, version: row.version, ...Object.fromEntries(changes) }
}

/** The payload of a mutation's answer: its one top-level field. */
export function payloadOf(data: Record<string, unknown>): { errors: readonly PayloadError[] } & Record<string, unknown> {
  return Object.values(data)[0] as { errors: readonly PayloadError[] } & Record<string, unknown>
}

/** Someone else saved the record since this form was filled: the version sent is stale. */
export function conflicted(errors: readonly PayloadError[]): boolean {
  return errors.some((e) => e.code === 'CONFLICT')
}

/**
 * The year the list should show after a save, so that the saved record is in
 * it: the record's own year, or for a recognition the year of its date when
 * later than the one shown (the list holds those held by that year's end).
 */
export function yearAfterSave(spec: KindSpec, form: FormValues, shown: number): number {
  if (typeof form.year === 'number') return form.year
  const dates = spec.fields.filter((f) => f.type === 'date').map((f) => Number(String(form[f.key]).slice(0, 4)))
  return Math.max(shown, ...dates.filter(Number.isInteger))
}

export function hintOf(field: FieldSpec, form: FormValues): string | null {
  return typeof field.hint === 'function' ? field.hint(form) : field.hint ?? null
}

interface PartShape {
  name: string
  criteria: readonly { key: string; description: string; rule: string }[]
}

/** The criteria an attestation may be recorded for: the standard's qualitative ones, by part. */
export function attestedCriteria(parts: readonly PartShape[]): Options {
  return parts.flatMap((p) => p.criteria.filter((c) => c.rule === 'attested').map((c) => [c.key, `${p.name}：${c.description}`] as const))
}

/** Criterion key → its wording, for the attestations list. */
export function criteriaWording(parts: readonly PartShape[]): Map<string, string> {
  return new Map(parts.flatMap((p) => p.criteria.map((c) => [c.key, c.description] as const)))
}

interface RecordsShape {
  facilities: readonly RecordRow[]
  teams: readonly RecordRow[]
  assessment: Record<'selections' | 'recognitions' | 'attestations', readonly RecordRow[]>
}

/** The records of one kind in a community's answer. */
export function rowsOf(kind: RecordKind, community: RecordsShape | null): readonly RecordRow[] {
  if (!community) return []
  return kind === 'facilities' || kind === 'teams' ? community[kind] : community.assessment[kind]
}
