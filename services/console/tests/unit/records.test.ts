import { readFileSync } from 'node:fs'
import { buildSchema, isInputObjectType, isNonNullType } from 'graphql'
import { describe, expect, it } from 'vitest'
import {
  attestedCriteria, blankForm, chooseCommunity, chooseYear, cityYear, conflicted, createInput, formFromRecord,
  hintOf, localProblems, updateInput, yearAfterSave, yearOptions,
} from '../../src/lib/recordForm'
import { KINDS, participationRate, type RecordKind } from '../../src/lib/recordKinds'
import { findRegion } from '../../src/lib/regions'
import { CITY } from './regionTree'

const CHEZHAN = findRegion(CITY, 'chezhan')
// 2026-06-01 12:00 in Zibo
const JUNE = Date.UTC(2026, 5, 1, 4)
const CTX = { community: 'gongsheng', year: 2026, today: '2026-06-01' }

const SCHEMA = buildSchema(readFileSync(new URL('../../../../schema/schema.graphql', import.meta.url), 'utf8'))
const INPUTS: Record<RecordKind, [string, string | null]> = {
  facilities: ['FacilityCreateInput', 'FacilityUpdateInput'],
  teams: ['TeamCreateInput', 'TeamUpdateInput'],
  selections: ['SelectionCreateInput', 'SelectionUpdateInput'],
  recognitions: ['RecognitionCreateInput', 'RecognitionUpdateInput'],
  attestations: ['AttestationInput', null],
}

function inputFields(name: string): Map<string, boolean> {
  const type = SCHEMA.getType(name)
  if (!isInputObjectType(type)) throw new Error(`${name} is not an input`)
  return new Map(Object.values(type.getFields()).map((f) => [f.name, isNonNullType(f.type) && f.defaultValue === undefined]))
}

describe('the forms of community records', () => {
  it.each(Object.keys(INPUTS) as RecordKind[])('%s: the form asks for every field of the API’s inputs, and only those', (kind) => {
    const [create, update] = INPUTS[kind]
    const spec = KINDS[kind]
    const created = inputFields(create)
    expect(spec.fields.map((f) => f.key).sort()).toEqual([...created.keys()].sort())
    // what the API requires, the form asks for (a switch always holds an answer)
    expect(spec.fields.filter((f) => created.get(f.key) && !f.required && f.type !== 'switch').map((f) => f.key)).toEqual([])
    const changeable = spec.fields.filter((f) => !f.createOnly).map((f) => f.key).sort()
    if (update) expect(['id', 'version', ...changeable].sort()).toEqual([...inputFields(update).keys()].sort())
    else expect(spec.updatable).toBe(false)
  })

  it('a new facility starts empty: the measures unknown rather than zero, in the list’s community', () => {
    const form = blankForm(KINDS.facilities, CTX)
    expect(form).toEqual({
      community: 'gongsheng', kind: null, name: '', indoorAreaM2: null, outdoorAreaM2: null, weeklyOpenHours: null, freeOfCharge: null,
    })
    expect(localProblems(KINDS.facilities, form, false)).toEqual({ kind: '请选择设施类型', name: '请填写设施名称' })
  })

  it('sends what was typed, trimmed; clearing a measure sends null, which clears it', () => {
    const row = { id: 'F1', version: 3, kind: 'PRACTICE_STATION', name: '实践站', indoorAreaM2: 320, outdoorAreaM2: null, weeklyOpenHours: 56, freeOfCharge: true }
    const form = formFromRecord(KINDS.facilities, row, CTX)
    form.name = '  工盛社区新时代文明实践站 '
    form.indoorAreaM2 = null
    expect(updateInput(KINDS.facilities, form, row)).toEqual({
      id: 'F1', version: 3, kind: 'PRACTICE_STATION', name: '工盛社区新时代文明实践站', indoorAreaM2: null, outdoorAreaM2: null, weeklyOpenHours: 56, freeOfCharge: true,
    })
  })

  it('a selection’s project, year and community are fixed once recorded: a correction sends the counts only', () => {
    const row = { id: 'S1', version: 1, kind: 'CIVIL_FAMILY', householdsEligible: 200, householdsParticipating: 150 }
    const form = formFromRecord(KINDS.selections, row, CTX)
    expect(form).toMatchObject({ community: 'gongsheng', year: 2026, kind: 'CIVIL_FAMILY' })
    form.kind = null // not sent, so not checked either
    expect(localProblems(KINDS.selections, form, true)).toEqual({})
    expect(updateInput(KINDS.selections, form, row)).toEqual({ id: 'S1', version: 1, householdsEligible: 200, householdsParticipating: 150 })
  })

  it('a new record is created with every field, the year and community included', () => {
    const form = { ...blankForm(KINDS.selections, CTX), kind: 'GREEN_ESTATE', householdsEligible: 300, householdsParticipating: 280 }
    expect(createInput(KINDS.selections, form)).toEqual({
      community: 'gongsheng', year: 2026, kind: 'GREEN_ESTATE', householdsEligible: 300, householdsParticipating: 280,
    })
  })

  it('counts a name’s characters as the API does', () => {
    const form = { ...blankForm(KINDS.teams, CTX), kind: 'CULTURE', members: 18, name: '舞'.repeat(41) }
    expect(localProblems(KINDS.teams, form, false)).toEqual({ name: '队伍名称不能超过40个字（现有41个）' })
  })

  it('a stale version is told apart from other refusals', () => {
    expect(conflicted([{ code: 'CONFLICT', field: 'version', message: '设施已被他人修改，请刷新后重试' }])).toBe(true)
    expect(conflicted([{ code: 'INVALID', field: 'name', message: '请填写设施名称' }])).toBe(false)
  })
})

describe('hints at what a value counts for', () => {
  it('a facility’s kind names the criteria it feeds', () => {
    const kind = KINDS.facilities.fields.find((f) => f.key === 'kind')!
    expect(hintOf(kind, { kind: 'PRACTICE_STATION' })).toContain('不少于300平方米')
    expect(hintOf(kind, { kind: 'ELDERLY_COLLEGE' })).toContain('老年大学')
    expect(hintOf(kind, { kind: null })).toBeNull()
  })

  it('the participation rate as typed, rounded down so that 89.96 % never reads as 90 %', () => {
    const participating = KINDS.selections.fields.find((f) => f.key === 'householdsParticipating')!
    expect(hintOf(participating, { householdsEligible: 200, householdsParticipating: 185 })).toBe('参与率92.5%，达到90%的要求')
    expect(hintOf(participating, { householdsEligible: 2500, householdsParticipating: 2249 })).toBe('参与率89.9%，未达到90%的要求')
    expect(hintOf(participating, { householdsEligible: 200, householdsParticipating: 250 })).toBe('参与率 = 参与户数 ÷ 应参与户数，须达到90%以上')
    expect(participationRate(0, 0)).toBeNull()
  })

  it('only the qualitative criteria can be attested', () => {
    const parts = [
      { name: '功能设施', criteria: [{ key: 'facilities.station_area', description: '实践站面积', rule: 'facility_area_at_least' }] },
      { name: '文明创建', criteria: [{ key: 'civility.environment', description: '环境质量良好', rule: 'attested' }] },
    ]
    expect(attestedCriteria(parts)).toEqual([['civility.environment', '文明创建：环境质量良好']])
  })
})

describe('which community and year a list shows', () => {
  it('a community in the address is shown only when it lies inside my scope', () => {
    expect(chooseCommunity('heping', CHEZHAN)).toBe('heping')
    expect(chooseCommunity('qijing', CHEZHAN)).toBe('gongsheng') // another district's: my first instead
    expect(chooseCommunity(undefined, findRegion(CITY, 'gongsheng'))).toBe('gongsheng')
    expect(chooseCommunity('gongsheng', null)).toBeNull() // tree not loaded yet
  })

  it('the year is Zibo’s: on New Year’s Eve evening in New York it is already the new year there', () => {
    expect(cityYear(Date.UTC(2026, 0, 1, 1))).toBe(2026) // 20:00 on 31 December in New York
    expect(chooseYear('2025', JUNE)).toBe(2025)
    expect(chooseYear('next year', JUNE)).toBe(2026)
    expect(chooseYear('1999', JUNE)).toBe(2026)
  })

  it('offers the plan’s years and next year, and any year already shown', () => {
    expect(yearOptions(JUNE)).toEqual([2027, 2026, 2025, 2024])
    expect(yearOptions(JUNE, 2030)).toEqual([2030, 2029, 2028, 2027, 2026, 2025, 2024])
  })

  it('after a save the list shows the year the record is in', () => {
    expect(yearAfterSave(KINDS.selections, { year: 2025 }, 2026)).toBe(2025)
    expect(yearAfterSave(KINDS.recognitions, { recognisedOn: '2027-03-01' }, 2026)).toBe(2027)
    expect(yearAfterSave(KINDS.recognitions, { recognisedOn: '2020-03-01' }, 2026)).toBe(2026) // still held in 2026
    expect(yearAfterSave(KINDS.facilities, {}, 2026)).toBe(2026)
  })
})
