// A community's records (社区档案) kept through the console: an editor of
// 工盛社区 records a facility, a team, a selection and a recognition, meets a
// refusal at its field and a save over someone else's, corrects and deletes;
// a reviewer of 车站街道 attests a criterion on a phone, with a photo. The
// API then holds what was typed, and nothing of another community shows.
// Run by tests/console/test_records.py against a real API over a fresh database.
import { BASE, DESKTOP, PHONE, assert, createStaff, graphql, login, mutate, newContext, regionIds, screenshot, settled, typeDateTime } from './helpers.mjs'
import { ADMIN, EDITOR, REVIEWER, checkChinese, field, fieldError, listText, openFromMenu, scenario, signIn } from './scenario.mjs'

// Zibo's year now: the selection and the attestation are for it, the recognition dated in it.
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear()
const STATION = '工盛社区新时代文明实践站'
const DANCERS = '夕阳红舞蹈队'
const MISTAKE = '误录的队伍'
const ELSEWHERE = '正齐社区文化广场'
const BRAND = '邻里守望'

const FACILITY = 'mutation($input: FacilityCreateInput!) { facilityCreate(input: $input) { facility { id } errors { message } } }'
const FACILITY_UPDATE = 'mutation($input: FacilityUpdateInput!) { facilityUpdate(input: $input) { errors { message } } }'
const TEAM = 'mutation($input: TeamCreateInput!) { teamCreate(input: $input) { errors { message } } }'
const RECORDS = `query($community: ID!, $year: Int!) { node(id: $community) { ... on Community {
  facilities { id name kind indoorAreaM2 outdoorAreaM2 weeklyOpenHours freeOfCharge version }
  teams { name kind members activeAllYear }
  assessment(year: $year) {
    selections { kind householdsEligible householdsParticipating }
    recognitions { brandName level recognisedBy recognisedOn note }
    attestations { criterionKey met note attestedByName photo { sha256 } }
  } } } }`

async function recordsOf(community, token) {
  const answer = await graphql(RECORDS, { community, year: YEAR }, token)
  assert(!answer.errors, JSON.stringify(answer.errors))
  return answer.data.node
}

// Element Plus controls, by the form item they stand in (`data-field`).
async function choose(page, key, label) {
  await field(page, key).locator('.el-select__wrapper').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
}

async function type(page, key, value) {
  const input = field(page, key).locator('input, textarea').first()
  await input.fill(String(value))
  await input.press('Tab') // a number box takes its value on change
}

async function openTab(page, label, kind) {
  await page.locator('.el-tabs__item', { hasText: label }).click()
  await page.waitForURL(new RegExp(`/records/${kind}\\?`))
}

async function save(page, kind) {
  await page.locator('[data-test=record-save]').click()
  await page.waitForURL(new RegExp(`/records/${kind}\\?`))
}

const recordList = (page) => listText(page, 'record-list')
const rowOf = (page, text) => page.locator('[data-test=record-list]:visible .el-table__row', { hasText: text })

await scenario('records', async ({ browser, step, problems }) => {
  const ids = {}
  let adminToken = null
  let editorToken = null

  await step('set-up through the API: an editor of 工盛社区, a reviewer of 车站街道, records to find or not', async () => {
    adminToken = await login(ADMIN)
    const regions = await regionIds()
    ids.gongsheng = regions['工盛社区']
    ids.zhengqi = regions['正齐社区']
    ids.chezhan = regions['车站街道']
    await createStaff(adminToken, EDITOR, 'EDITOR', ids.gongsheng)
    await createStaff(adminToken, REVIEWER, 'REVIEWER', ids.chezhan)
    await mutate(FACILITY, { community: ids.zhengqi, kind: 'CULTURE_SQUARE', name: ELSEWHERE, outdoorAreaM2: 1200 }, adminToken)
    await mutate(TEAM, { community: ids.gongsheng, kind: 'OTHER', name: MISTAKE, members: 3 }, adminToken)
    editorToken = await login(EDITOR)
  })

  const desktop = await newContext(browser, DESKTOP, problems)
  const page = await desktop.newPage()

  await step('the editor opens 社区档案 from the menu: another community’s facility is not there, even by address', async () => {
    await page.goto(`${BASE}/console/`)
    await signIn(page, EDITOR)
    await openFromMenu(page, '社区档案', /\/records\/facilities/)
    assert(!(await recordList(page)).includes(ELSEWHERE), 'another community’s facility is listed')
    await page.goto(`${BASE}/console/records/facilities?community=${encodeURIComponent(ids.zhengqi)}`)
    const shown = await recordList(page)
    assert(!shown.includes(ELSEWHERE) && (await page.locator('.filters').innerText()).includes('工盛社区'), shown)
    await checkChinese(page, 'facilities list (empty)')
  })

  await step('the editor records a facility; the hints say what each value counts for', async () => {
    await page.locator('[data-test=new-record]').click()
    await page.waitForURL(/\/records\/facilities\/new/)
    await choose(page, 'kind', '新时代文明实践站')
    const hint = await page.locator('[data-hint=kind]').innerText()
    assert(hint.includes('不少于300平方米') && hint.includes('免费开放'), `kind hint: ${hint}`)
    await type(page, 'name', STATION)
    await type(page, 'indoorAreaM2', 320)
    await type(page, 'weeklyOpenHours', 56)
    await field(page, 'freeOfCharge').locator('.el-radio', { hasText: '免费' }).click()
    await checkChinese(page, 'facility form')
    await screenshot(page, 'desktop-record-form')
    await save(page, 'facilities')
    const list = await recordList(page)
    assert(list.includes(STATION) && list.includes('320平方米') && list.includes('56小时'), list)
  })

  await step('the editor records a team and deletes one recorded by mistake', async () => {
    await openTab(page, '队伍', 'teams')
    assert((await recordList(page)).includes(MISTAKE), 'the mistaken team is listed')
    await page.locator('[data-test=new-record]').click()
    await choose(page, 'kind', '业余文艺团队')
    await type(page, 'name', DANCERS)
    await type(page, 'members', 18)
    await field(page, 'activeAllYear').locator('.el-switch').click()
    await save(page, 'teams')
    await rowOf(page, MISTAKE).locator('[data-test=record-delete]').click()
    const box = page.locator('.el-message-box:visible')
    assert((await box.innerText()).includes(MISTAKE), 'the confirmation names the team')
    await box.getByRole('button', { name: '删除' }).click()
    await rowOf(page, MISTAKE).waitFor({ state: 'detached' })
    const list = await recordList(page)
    assert(list.includes(DANCERS) && list.includes('18人') && !list.includes(MISTAKE), list)
    await checkChinese(page, 'teams list')
  })

  await step('a selection with more households taking part than may is refused at its field, then corrected', async () => {
    await openTab(page, '评选参与', 'selections')
    await page.locator('[data-test=new-record]').click()
    await choose(page, 'kind', '文明家庭')
    await type(page, 'householdsEligible', 200)
    await type(page, 'householdsParticipating', 250)
    await page.locator('[data-test=record-save]').click()
    const refused = await fieldError(page, 'householdsParticipating')
    assert(refused.includes('不能多于应参与户数'), `participating: ${refused}`)
    await checkChinese(page, 'selection form with an error')
    await screenshot(page, 'desktop-record-form-error')
    await type(page, 'householdsParticipating', 185)
    const rate = await page.locator('[data-hint=householdsParticipating]').innerText()
    assert(rate.includes('92.5%') && rate.includes('达到90%'), `rate: ${rate}`)
    await save(page, 'selections')
    const list = await recordList(page)
    assert(list.includes('文明家庭') && list.includes('185/200户') && list.includes('92.5%'), list)
  })

  await step('the editor records a recognition', async () => {
    await openTab(page, '品牌推广', 'recognitions')
    await page.locator('[data-test=new-record]').click()
    await type(page, 'brandName', BRAND)
    await choose(page, 'level', '省级')
    await type(page, 'recognisedBy', '大众日报')
    await typeDateTime(page, field(page, 'recognisedOn'), `${YEAR}-01-15`)
    await type(page, 'note', '省级媒体专题报道')
    await save(page, 'recognitions')
    const list = await recordList(page)
    assert(list.includes(BRAND) && list.includes('省级') && list.includes(`${YEAR}-01-15`), list)
    await checkChinese(page, 'recognitions list')
  })

  await step('a correction saved over someone else’s is explained; reloaded, it goes through', async () => {
    await openTab(page, '设施', 'facilities')
    await rowOf(page, STATION).locator('[data-test=record-edit]').click()
    await settled(page)
    assert((await field(page, 'name').locator('input').inputValue()) === STATION, 'the form holds the facility')
    // Meanwhile someone else corrects the opening hours.
    const [station] = (await recordsOf(ids.gongsheng, adminToken)).facilities
    await mutate(FACILITY_UPDATE, { id: station.id, version: station.version, weeklyOpenHours: 60 }, adminToken)
    await type(page, 'indoorAreaM2', 350)
    await page.locator('[data-test=record-save]').click()
    const conflict = await page.locator('[data-test=record-conflict]').innerText()
    assert(conflict.includes('已被他人修改，请刷新'), `conflict: ${conflict}`)
    await checkChinese(page, 'conflict')
    await screenshot(page, 'desktop-record-conflict')
    await page.locator('[data-test=record-reload]').click()
    await settled(page)
    const hours = await field(page, 'weeklyOpenHours').locator('input').inputValue()
    assert(Number(hours) === 60, `after reloading, the other correction shows: ${hours}`)
    await type(page, 'indoorAreaM2', 350)
    await save(page, 'facilities')
    const list = await recordList(page)
    assert(list.includes('350平方米') && list.includes('60小时'), list)
    await screenshot(page, 'desktop-records')
  })

  await step('attestations are the reviewers’: the editor may look, not add', async () => {
    await openTab(page, '达标认定', 'attestations')
    await recordList(page)
    assert((await page.locator('[data-test=new-record]').count()) === 0, 'the editor is offered an attestation')
    assert((await page.locator('.el-alert', { hasText: '由审核员及以上人员登记' }).count()) === 1, 'no word on who attests')
  })

  await step('a reviewer on a phone attests a criterion with a photo', async () => {
    const phone = await (await newContext(browser, PHONE, problems)).newPage()
    await phone.goto(`${BASE}/console/`)
    await signIn(phone, REVIEWER)
    await phone.goto(`${BASE}/console/records/attestations?community=${encodeURIComponent(ids.gongsheng)}&year=${YEAR}`)
    await phone.locator('[data-test=new-record]').click()
    await phone.waitForURL(/\/records\/attestations\/new/)
    await choose(phone, 'criterion', '无乱丢乱扔')
    await field(phone, 'met').locator('.el-switch').click()
    await type(phone, 'note', '实地查看：楼道、绿地整洁')
    const photo = await phone.screenshot()
    await phone.locator('[data-test=photo-file]').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: photo })
    await phone.locator('[data-test=photo-preview]').waitFor()
    await checkChinese(phone, 'attestation form')
    await screenshot(phone, 'phone-record-form')
    await phone.locator('[data-test=record-save]').click()
    await phone.waitForURL(/\/records\/attestations\?/)
    const list = await listText(phone, 'record-list')
    assert(list.includes('无乱丢乱扔') && list.includes('达标') && !list.includes('未达标') && list.includes(REVIEWER[0]), list)
    await checkChinese(phone, 'attestations list')
    await screenshot(phone, 'phone-records')
    await phone.goto(`${BASE}/console/records/facilities?community=${encodeURIComponent(ids.gongsheng)}`)
    assert((await listText(phone, 'record-list')).includes(STATION), 'the phone lists the facility as a card')
    await checkChinese(phone, 'facilities on a phone')
    await screenshot(phone, 'phone-records-facilities')
  })

  await step('through the API, each record holds what was typed', async () => {
    const mine = await recordsOf(ids.gongsheng, editorToken)
    assert(JSON.stringify(mine.facilities.map(({ id, version, ...f }) => f)) === JSON.stringify([
      { name: STATION, kind: 'PRACTICE_STATION', indoorAreaM2: 350, outdoorAreaM2: null, weeklyOpenHours: 60, freeOfCharge: true },
    ]), JSON.stringify(mine.facilities))
    assert(JSON.stringify(mine.teams) === JSON.stringify([{ name: DANCERS, kind: 'CULTURE', members: 18, activeAllYear: true }]), JSON.stringify(mine.teams))
    const { selections, recognitions, attestations } = mine.assessment
    assert(JSON.stringify(selections) === JSON.stringify([{ kind: 'CIVIL_FAMILY', householdsEligible: 200, householdsParticipating: 185 }]), JSON.stringify(selections))
    assert(JSON.stringify(recognitions) === JSON.stringify([
      { brandName: BRAND, level: 'PROVINCIAL', recognisedBy: '大众日报', recognisedOn: `${YEAR}-01-15`, note: '省级媒体专题报道' },
    ]), JSON.stringify(recognitions))
    const [attested] = attestations
    assert(attestations.length === 1 && attested.criterionKey === 'civility.environment' && attested.met === true
      && attested.note === '实地查看：楼道、绿地整洁' && attested.attestedByName === REVIEWER[0] && attested.photo?.sha256, JSON.stringify(attestations))
    const elsewhere = await recordsOf(ids.zhengqi, adminToken)
    assert(elsewhere.facilities.map((f) => f.name).join() === ELSEWHERE, 'the other community keeps its own facility')
  })
})
