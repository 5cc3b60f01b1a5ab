// Sign-ups and check-in through the console (issue 13, the staff side): an
// editor creates an event starting within the hour with 3 places and a
// sign-up window (the form refusing a window that closes after the event at
// its field); once approved, a resident signs up on a phone from the screen's
// QR address; the editor sees the number masked, the places left, the QR code
// of the resident page and downloads the list (UTF-8 with a BOM); at the door,
// on a phone, the code checks the resident in and two walk-ins make 3; a
// correction made from another phone meanwhile is refused as a conflict, then
// made; the admin grants the right to see full numbers (confirmed) and the
// screens list counts the scan for its screen. Screenshots at desktop and
// phone width. Run by tests/console/test_checkin.py.
import { readFile } from 'node:fs/promises'
import {
  BASE, CJK_FONT, DESKTOP, PHONE, assert, cityWall, createStaff, fontsOf, graphql, login, mutate, newContext, regionIds,
  screenshot, settled, typeDateTime,
} from './helpers.mjs'
import {
  ADMIN, EDITOR, REVIEWER, checkChinese, field, fieldError, openFromMenu, openSignUps, scansOnScreensList, scenario, signIn,
} from './scenario.mjs'

const TITLE = '重阳节包饺子'
const QUEUE = `{ reviewQueue(first: 20) { nodes { __typename ... on Event { id version title } } } }`
const APPROVE = `mutation($input: ReviewInput!) { eventApprove(input: $input) { event { id version } errors { message } } }`
const REGISTER = `mutation($input: ScreenRegisterInput!) { screenRegister(input: $input) { screen { id } token errors { message } } }`
const EVENT = `query($id: ID!, $screen: ID) { node(id: $id) { ... on Event { publicUrl(screen: $screen) capacity signUpState } } }`
const COUNTS = `query($id: ID!) { node(id: $id) { ... on Event { attendance { version participants } } } }`
const CORRECT = `mutation($input: EventAttendanceCorrectInput!) { eventAttendanceCorrect(input: $input) { attendance { version } errors { message } } }`

/** The big running count on the check-in page, as a number. */
async function runningCount(page) {
  return Number((await page.locator('[data-test=running-count] .number').innerText()).trim())
}

async function waitForCount(page, n) {
  await page.locator('[data-test=running-count] .number').filter({ hasText: new RegExp(`^${n}$`) }).waitFor()
}

await scenario('checkin', async ({ browser, step, problems }) => {
  const desktop = await newContext(browser, DESKTOP, problems)
  const page = await desktop.newPage()
  let editorToken = null
  let eventId = null
  let screenId = null
  let code = null

  await step('the admin creates an editor of 工盛社区, a reviewer of 车站街道 and a screen (through the API)', async () => {
    const admin = await login(ADMIN)
    const ids = await regionIds()
    await createStaff(admin, EDITOR, 'EDITOR', ids['工盛社区'])
    await createStaff(admin, REVIEWER, 'REVIEWER', ids['车站街道'])
    editorToken = await login(EDITOR)
    screenId = (await mutate(REGISTER, { community: ids['工盛社区'], kind: 'BULLETIN', name: '大厅东屏' }, admin)).screen.id
  })

  await step('the form explains sign-up, refuses a window closing after the event at its field, and saves 3 places', async () => {
    await page.goto(`${BASE}/console/`)
    await signIn(page, EDITOR)
    await page.goto(`${BASE}/console/events/new`)
    const hint = await page.locator('[data-test=sign-up-hint]').innerText()
    assert(hint.includes('都不填则无需报名') && hint.includes('二维码'), `sign-up hint: ${hint}`)
    await field(page, 'title').locator('input').fill(TITLE)
    await field(page, 'venue').locator('input').fill('社区食堂')
    await field(page, 'organiser').locator('input').fill('工盛社区居委会')
    // Starts within the hour: the door opens three hours before.
    await typeDateTime(page, field(page, 'startsAt'), cityWall(1))
    await typeDateTime(page, field(page, 'endsAt'), cityWall(3))
    await typeDateTime(page, field(page, 'signUpOpensAt'), cityWall(-1))
    await typeDateTime(page, field(page, 'signUpClosesAt'), cityWall(4))
    await field(page, 'capacity').locator('input').fill('3')
    await page.locator('[data-test=save-submit]').click()
    const closes = await fieldError(page, 'signUpClosesAt')
    assert(closes === '报名截止时间不能晚于活动结束时间', `closes: ${closes}`)
    await checkChinese(page, 'event form with sign-up')
    await screenshot(page, 'desktop-event-form-sign-up')
    await typeDateTime(page, field(page, 'signUpClosesAt'), cityWall(2))
    await page.locator('[data-test=save-submit]').click()
    await page.waitForURL(/\/console\/events\?view=week/)
  })

  await step('a reviewer approves it (through the API): 3 places, sign-up open', async () => {
    const reviewer = await login(REVIEWER)
    const found = (await graphql(QUEUE, {}, reviewer)).data.reviewQueue.nodes.find((n) => n.title === TITLE)
    assert(found, 'the event is not in review')
    await mutate(APPROVE, { id: found.id, version: found.version }, reviewer)
    eventId = found.id
    const event = (await graphql(EVENT, { id: eventId }, editorToken)).data.node
    assert(event.capacity === 3 && event.signUpState === 'OPEN', JSON.stringify(event))
  })

  const residentPhone = await newContext(browser, PHONE, problems)
  const resident = await residentPhone.newPage()

  await step('a resident scans the screen’s QR code and signs up on a phone at /e/<id>', async () => {
    const url = (await graphql(EVENT, { id: eventId, screen: screenId }, editorToken)).data.node.publicUrl
    assert(/\/e\/\d+\?s=\d+$/.test(url), `the screen's address: ${url}`)
    await resident.goto(url)
    await resident.getByRole('heading', { name: TITLE }).waitFor()
    assert((await resident.locator('main').innerText()).includes('共3人，剩余3人'), 'places on the resident page')
    await resident.getByLabel('姓名').fill('王秀兰')
    await resident.getByLabel('手机号').fill('139 8765 4321')
    await resident.getByLabel('人数（含本人）').selectOption('1')
    await resident.getByLabel('我已阅读并同意上述个人信息处理说明').check()
    await resident.getByRole('button', { name: '提交报名' }).click()
    await resident.getByRole('heading', { name: '报名成功' }).waitFor()
    code = (await resident.locator('.code').innerText()).trim()
    assert(/^[2-9A-HJKMNP-Z]{6}$/.test(code), `not a sign-up code: ${code}`)
  })

  await step('the editor sees the sign-up with the number masked, 2 places left and the QR code of the resident page', async () => {
    const row = await openSignUps(page, TITLE, '王秀兰')
    const list = page.locator('[data-test=sign-up-list]')
    assert(row.includes('139****4321') && !row.includes('13987654321'), `the number is not masked: ${row}`)
    assert(await page.locator('[data-test=masked-hint]').isVisible(), 'no word on why the numbers are masked')
    const places = await page.locator('[data-test=places-left]').innerText()
    assert(places === '共3人，剩余2人', `places: ${places}`)
    const qrUrl = await page.locator('[data-test=qr-code]').getAttribute('data-url')
    const address = await page.locator('[data-test=public-url]').inputValue()
    assert(qrUrl === address && new RegExp(`^${BASE}/e/\\d+$`).test(address), `QR ${qrUrl}, address ${address}`)
    const box = await page.locator('[data-test=qr-code]').boundingBox()
    assert(box && box.width >= 200, `the QR code is too small to scan: ${JSON.stringify(box)}`)
    await page.locator('[data-test=sign-up-search]').fill('建国')
    await list.getByText('暂无报名').waitFor()
    await page.locator('[data-test=sign-up-search]').fill('秀兰')
    await list.getByText('王秀兰').waitFor()
    await checkChinese(page, 'sign-ups page')
    const fonts = await fontsOf(page, '.page-header h1')
    assert(fonts.some((f) => CJK_FONT.test(f.familyName)), `no CJK font drew the title: ${JSON.stringify(fonts)}`)
    await screenshot(page, 'desktop-event-sign-ups')
  })

  await step('the organiser downloads the list: a CSV in UTF-8 with a BOM, numbers masked', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=sign-ups-csv]').click()])
    assert(download.suggestedFilename() === `活动报名-${TITLE}.csv`, `file name: ${download.suggestedFilename()}`)
    const bytes = await readFile(await download.path())
    assert(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, `no BOM: ${bytes.subarray(0, 3).toString('hex')}`)
    const text = bytes.toString('utf-8')
    assert(text.includes('姓名,手机号,人数') && text.includes('王秀兰,139****4321,1'), text)
  })

  const staffPhone = await newContext(browser, PHONE, problems)
  const door = await staffPhone.newPage()

  await step('at the door on a phone: the code checks the resident in, two walk-ins make 3', async () => {
    await door.goto(`${BASE}/console/`)
    await signIn(door, EDITOR)
    await door.goto(`${BASE}/console/events/${encodeURIComponent(eventId)}/check-in`)
    await door.locator('[data-test=running-count]').waitFor()
    await settled(door)
    assert((await runningCount(door)) === 0, 'a count before anyone came')
    await door.locator('[data-test=check-in-submit]').click()
    assert((await fieldError(door, 'code')) === '请输入报名码', 'a code is required')
    await door.locator('[data-test=check-in-code]').fill('ZZZZZZ')
    await door.locator('[data-test=check-in-submit]').click()
    const wrong = await fieldError(door, 'code')
    assert(wrong.includes('没有这个报名'), `a wrong code: ${wrong}`)
    await door.locator('[data-test=check-in-code]').fill(code.toLowerCase())
    await door.locator('[data-test=check-in-submit]').click()
    await door.locator('[data-test=last-done]').filter({ hasText: '王秀兰已签到（1人）' }).waitFor()
    await waitForCount(door, 1)
    await door.locator('[data-test=sign-up-list]').getByText('已签到1人').waitFor()
    await door.locator('[data-test=walk-in-one]').click()
    await waitForCount(door, 2)
    await door.locator('[data-test=walk-in-one]').click()
    await waitForCount(door, 3)
    const detail = await door.locator('[data-test=count-detail]').innerText()
    assert(detail.includes('签到1人') && detail.includes('现场参与2人'), detail)
    const width = await door.evaluate(() => document.documentElement.scrollWidth)
    assert(width <= 390, `the check-in page is wider than the phone: ${width}px`)
    await checkChinese(door, 'check-in page')
    const fonts = await fontsOf(door, '[data-test=running-count]')
    assert(fonts.some((f) => CJK_FONT.test(f.familyName)), `no CJK font drew the count: ${JSON.stringify(fonts)}`)
    await screenshot(door, 'phone-event-check-in')
  })

  await step('a correction from another phone meanwhile: this one is told and reloads; corrected again, then back to the count', async () => {
    const counts = (await graphql(COUNTS, { id: eventId }, editorToken)).data.node.attendance
    await mutate(CORRECT, { event: eventId, version: counts.version, participants: 3 }, editorToken)
    await field(door, 'participants').locator('input').fill('4')
    await door.locator('[data-test=correct-save]').click()
    const conflict = await door.locator('[data-test=correct-error]').innerText()
    assert(conflict.includes('已被他人修改'), `no conflict: ${conflict}`)
    await settled(door)
    await field(door, 'participants').locator('input').fill('4')
    await door.locator('[data-test=correct-save]').click()
    await waitForCount(door, 4)
    await door.locator('[data-test=correct-clear]').click()
    await waitForCount(door, 3)
    assert((await runningCount(door)) === 3, 'not back to check-ins plus walk-ins')
  })

  await step('the sign-ups page on a phone shows the check-in', async () => {
    await door.goto(`${BASE}/console/events/${encodeURIComponent(eventId)}/sign-ups`)
    await door.locator('[data-test=sign-up-list]').getByText('已签到1人').waitFor()
    const width = await door.evaluate(() => document.documentElement.scrollWidth)
    assert(width <= 390, `the sign-ups page is wider than the phone: ${width}px`)
    await checkChinese(door, 'phone sign-ups page')
    await screenshot(door, 'phone-event-sign-ups')
  })

  await step('the admin grants the editor the right to see full numbers, confirmed; the editor then sees it', async () => {
    const admin = await (await newContext(browser, DESKTOP, problems)).newPage()
    await admin.goto(`${BASE}/console/`)
    await signIn(admin, ADMIN)
    await openFromMenu(admin, '账号管理', /\/console\/admin\/accounts$/)
    const row = admin.locator('[data-test=account-list] .el-table__row').filter({ hasText: EDITOR[0] })
    await row.locator('[data-test=account-contact]').click()
    const box = admin.locator('.el-message-box:visible')
    assert((await box.innerText()).includes('完整手机号'), await box.innerText())
    await box.getByRole('button', { name: '确定授予' }).click()
    await row.locator('[data-test=contact-right]').waitFor()
    await checkChinese(admin, 'accounts with the contact right')
    await screenshot(admin, 'desktop-accounts-contact-right')

    await page.reload()
    await page.locator('[data-test=sign-up-list]').getByText('13987654321').waitFor()
    assert(!(await page.locator('[data-test=masked-hint]').isVisible()), 'still said to be masked')

    const total = await scansOnScreensList(admin, TITLE, '大厅东屏', '扫码1次 · 报名1人')
    assert(total.includes('共扫码1次，报名1人'), `the total: ${total}`)
    await checkChinese(admin, 'screens with scans')
    await screenshot(admin, 'desktop-screens-scans')
  })
})
