// Events (活动) through the console in a real browser whose clock is in New
// York: an editor creates a 09:00 Beijing-time event, finds it at 09:00 of its
// Zibo day on the week and month calendars and in the list, submits it; a
// reviewer sees its time, venue and large-scale flag and approves it; the
// API's published events have it at 09:00+08:00. For an event that is over,
// the editor records how many took part, and once reviewed the count is
// published. Screenshots of the calendar (week, month), the list and the form
// at desktop and phone widths. Run by tests/console/test_events.py.
import { BASE, DESKTOP, PHONE, assert, cityWall, createStaff, graphql, login, mutate, newContext, regionIds, screenshot, settled, typeDateTime } from './helpers.mjs'
import { ADMIN, EDITOR, REVIEWER, checkChinese, field, fieldError, listText, openFromMenu, scenario, signIn, signOut } from './scenario.mjs'

const TITLE = '邻居节百家宴'
const VENUE = '社区文化活动中心广场'
const PAST = '重阳节敬老茶话会'
// Tomorrow in Zibo, read once. At 09:00 there it is 20:00 or 21:00 of the day
// before in the browser's New York: a calendar reading the browser's zone
// would put the event on the wrong day and hour.
const DAY = cityWall(24).slice(0, 10)
const YESTERDAY = cityWall(-24).slice(0, 10)

const CREATE_EVENT = `mutation($input: EventCreateInput!) { eventCreate(input: $input) { event { id version } errors { message } } }`
const SUBMIT = `mutation($input: ReviewInput!) { eventSubmit(input: $input) { event { id version } errors { message } } }`
const APPROVE = `mutation($input: ReviewInput!) { eventApprove(input: $input) { event { id version } errors { message } } }`
const QUEUE = `{ reviewQueue(first: 20) { nodes { __typename ... on Event { id version title revisionOf participants } } } }`
const PUBLISHED = `query($from: DateTime, $to: DateTime) {
  events(from: $from, to: $to) { nodes { title startsAt endsAt venue largeScale participants } }
}`

/** Published events as anyone reads them. */
async function published(from, to) {
  const { data } = await graphql(PUBLISHED, { from, to })
  return data.events.nodes
}

const weekBlock = (page, day, title) => page.locator(`[data-day="${day}"] [data-test=calendar-event][data-title="${title}"]`)

await scenario('events', async ({ browser, step, problems }) => {
  const desktop = await newContext(browser, DESKTOP, problems)
  const page = await desktop.newPage()
  let editorToken = null
  let reviewerToken = null

  await step('the admin creates an editor of 工盛社区 and a reviewer of 车站街道 (through the API)', async () => {
    const admin = await login(ADMIN)
    const ids = await regionIds()
    await createStaff(admin, EDITOR, 'EDITOR', ids['工盛社区'])
    await createStaff(admin, REVIEWER, 'REVIEWER', ids['车站街道'])
    editorToken = await login(EDITOR)
    reviewerToken = await login(REVIEWER)
  })

  await step('the editor opens 活动 from the menu: this week in Zibo time', async () => {
    await page.goto(`${BASE}/console/`)
    await signIn(page, EDITOR)
    await openFromMenu(page, '活动', /\/console\/events$/)
    await page.locator('[data-test=calendar-week]').waitFor()
    await settled(page)
    await checkChinese(page, 'events week (empty)')
  })

  await step('the form explains the large-scale flag, offers no head count before the event, and shows errors at their fields', async () => {
    await page.locator('[data-test=new-event]').click()
    await page.waitForURL(/\/console\/events\/new$/)
    const hint = await page.locator('[data-test=large-scale-hint]').innerText()
    assert(hint.includes('文化供给') && hint.includes('不少于5次'), `large-scale hint: ${hint}`)
    await page.locator('[data-test=save-submit]').click()
    assert((await fieldError(page, 'title')) === '请填写活动名称', 'a title is required')
    await field(page, 'title').locator('input').fill(TITLE)
    await field(page, 'venue').locator('input').fill(VENUE)
    await field(page, 'organiser').locator('input').fill('工盛社区居委会')
    await field(page, 'description').locator('textarea').fill('邻里共享百家宴，欢迎居民自带拿手菜。')
    // The end before the start: the API refuses it, at the end field, in Chinese.
    await typeDateTime(page, field(page, 'startsAt'), `${DAY} 09:00`)
    await typeDateTime(page, field(page, 'endsAt'), `${DAY} 08:00`)
    assert(await page.locator('[data-test=participants-later]').isVisible(), 'no head count is offered before the event')
    assert((await page.locator('[data-test=participants-input]').count()) === 0, 'a head count input for an event to come')
    await page.locator('[data-test=save-submit]').click()
    const endError = await fieldError(page, 'endsAt')
    assert(endError === '结束时间须晚于开始时间', `end: ${endError}`)
    await checkChinese(page, 'event form')
    await screenshot(page, 'desktop-event-form')
  })

  await step('the editor creates the event at 09:00 Beijing time and submits it: the week shows it at 09:00 of its Zibo day', async () => {
    await typeDateTime(page, field(page, 'endsAt'), `${DAY} 11:00`)
    await page.locator('[data-test=large-scale-switch]').click()
    await page.locator('[data-test=save-submit]').click()
    await page.waitForURL(new RegExp(`/console/events\\?view=week&date=${DAY}$`))
    const block = weekBlock(page, DAY, TITLE)
    await block.waitFor()
    assert((await block.getAttribute('data-start')) === '09:00', `starts at ${await block.getAttribute('data-start')}`)
    // Nine hours down the day's column (40 px an hour), not at 20:00 or 21:00 the evening before.
    assert((await block.evaluate((el) => el.style.top)) === '360px', `top: ${await block.evaluate((el) => el.style.top)}`)
    assert((await page.locator(`[data-test=calendar-event][data-title="${TITLE}"]`).count()) === 1, 'shown once')
    const text = await block.innerText()
    assert(text.includes('09:00–11:00') && text.includes('大型') && text.includes(VENUE), text)
    await checkChinese(page, 'events week')
    await screenshot(page, 'desktop-events-week')
  })

  await step('the month view puts it on its Zibo day', async () => {
    await page.locator('[data-test=view-month]').click()
    await page.waitForURL(new RegExp(`view=month&date=${DAY}$`))
    const inCell = page.locator(`.cell[data-day="${DAY}"] [data-test=month-event][data-title="${TITLE}"]`)
    await inCell.waitFor()
    assert((await inCell.innerText()).includes('09:00'), await inCell.innerText())
    assert((await page.locator(`[data-test=month-event][data-title="${TITLE}"]`).count()) === 1, 'in one cell only')
    await checkChinese(page, 'events month')
    await screenshot(page, 'desktop-events-month')
  })

  await step('the list shows it in review, at its Zibo time; the status filter leaves it out of 已发布', async () => {
    await page.locator('[data-test=view-list]').click()
    await page.waitForURL(/\/console\/events\/list/)
    const [, month, day] = DAY.split('-').map(Number)
    const list = await listText(page, 'event-list')
    assert(list.includes(TITLE) && list.includes('待审核') && list.includes(`${month}月${day}日 09:00–11:00`), list)
    await checkChinese(page, 'events list')
    await screenshot(page, 'desktop-events-list')
    await page.goto(`${BASE}/console/events/list?status=PUBLISHED&when=upcoming`)
    assert(!(await listText(page, 'event-list')).includes(TITLE), 'an event in review among the published')
    await signOut(page)
  })

  await step('the reviewer sees its time, venue and large-scale flag, and approves it', async () => {
    await signIn(page, REVIEWER)
    await page.goto(`${BASE}/console/review`)
    const card = page.locator('[data-test=review-list] .el-card', { hasText: TITLE })
    await card.waitFor()
    const text = await card.innerText()
    assert(text.includes('09:00–11:00') && text.includes(VENUE) && text.includes('大型活动'), text)
    await checkChinese(page, 'review with an event')
    await screenshot(page, 'desktop-review-event')
    await card.locator('[data-test=approve]').click()
    await page.locator('.el-message-box:visible').getByRole('button', { name: '通过' }).click()
    await card.waitFor({ state: 'detached' })
    await signOut(page)
  })

  await step('the API’s published events have it at 09:00+08:00, large-scale, at its venue', async () => {
    const events = await published(`${DAY}T00:00:00+08:00`, `${DAY}T23:59:59+08:00`)
    const found = events.find((e) => e.title === TITLE)
    assert(found, `not published: ${JSON.stringify(events)}`)
    assert(found.startsAt === `${DAY}T09:00:00+08:00` && found.endsAt === `${DAY}T11:00:00+08:00`, JSON.stringify(found))
    assert(found.largeScale === true && found.venue === VENUE && found.participants === null, JSON.stringify(found))
  })

  await step('for an event that is over, the editor records how many took part; once reviewed the count is published', async () => {
    // Yesterday's event, published (set up through the API).
    const ids = await regionIds()
    let past = (await mutate(CREATE_EVENT, {
      scope: ids['工盛社区'], category: 'OUR_FESTIVALS', title: PAST, venue: '社区老年活动室',
      startsAt: `${YESTERDAY}T14:00:00+08:00`, endsAt: `${YESTERDAY}T16:00:00+08:00`,
    }, editorToken)).event
    past = (await mutate(SUBMIT, { id: past.id, version: past.version }, editorToken)).event
    await mutate(APPROVE, { id: past.id, version: past.version }, reviewerToken)

    await signIn(page, EDITOR)
    await page.goto(`${BASE}/console/events/list?when=past`)
    const row = page.locator('[data-test=event-list] .el-table__row', { hasText: PAST })
    await row.waitFor()
    assert((await row.innerText()).includes('未登记'), await row.innerText())
    await page.goto(`${BASE}/console/events/list?when=upcoming`)
    const upcoming = page.locator('[data-test=event-list] .el-table__row', { hasText: TITLE })
    await upcoming.waitFor()
    assert((await upcoming.locator('[data-test=record-participants]').count()) === 0, 'a head count offered before the event')

    await page.goto(`${BASE}/console/events/list?when=past`)
    await row.locator('[data-test=record-participants]').click()
    const dialog = page.locator('.el-dialog:visible')
    await dialog.locator('[data-test=participants-confirm]').click()
    assert((await fieldError(dialog, 'participants')) === '请填写参与人数', 'a count is required')
    await field(dialog, 'participants').locator('input').fill('48')
    await checkChinese(page, 'participants dialog')
    await dialog.locator('[data-test=participants-confirm]').click()
    await page.locator('.el-message--success').filter({ hasText: '参与人数已提交审核' }).waitFor()
    // The count waits for review as a revision; screens and the assessment still read none.
    const before = (await published(`${YESTERDAY}T00:00:00+08:00`, `${YESTERDAY}T23:59:59+08:00`)).find((e) => e.title === PAST)
    assert(before.participants === null, JSON.stringify(before))

    const queue = (await graphql(QUEUE, {}, reviewerToken)).data.reviewQueue.nodes
    const revision = queue.find((n) => n.title === PAST && n.revisionOf === past.id)
    assert(revision && revision.participants === 48, `the revision in review: ${JSON.stringify(queue)}`)
    await mutate(APPROVE, { id: revision.id, version: revision.version }, reviewerToken)
    const after = (await published(`${YESTERDAY}T00:00:00+08:00`, `${YESTERDAY}T23:59:59+08:00`)).find((e) => e.title === PAST)
    assert(after.participants === 48, JSON.stringify(after))
    await page.reload()
    await row.filter({ hasText: '48人' }).waitFor()
  })

  const phone = await newContext(browser, PHONE, problems)
  const mobile = await phone.newPage()

  await step('on a phone: the week as a day-by-day list, the month, the list and the form', async () => {
    await mobile.goto(`${BASE}/console/`)
    await signIn(mobile, EDITOR)
    await openFromMenu(mobile, '活动', /\/console\/events$/)
    await mobile.goto(`${BASE}/console/events?view=week&date=${DAY}`)
    const item = weekBlock(mobile, DAY, TITLE)
    await item.waitFor()
    assert((await item.getAttribute('data-start')) === '09:00' && (await item.innerText()).includes('09:00–11:00'), await item.innerText())
    await checkChinese(mobile, 'phone events week')
    await screenshot(mobile, 'phone-events-week')

    await mobile.goto(`${BASE}/console/events?view=month&date=${DAY}`)
    await mobile.locator(`[data-test=month-day-list] [data-title="${TITLE}"]`).waitFor()
    await mobile.locator(`.cell[data-day="${DAY}"] [data-test=month-event]`).waitFor()
    await checkChinese(mobile, 'phone events month')
    await screenshot(mobile, 'phone-events-month')

    await mobile.goto(`${BASE}/console/events/list?when=all`)
    const list = await listText(mobile, 'event-list')
    assert(list.includes(TITLE) && list.includes(PAST) && list.includes('48人'), list)
    await checkChinese(mobile, 'phone events list')
    await screenshot(mobile, 'phone-events-list')

    await mobile.goto(`${BASE}/console/events/new`)
    await field(mobile, 'title').waitFor()
    await checkChinese(mobile, 'phone event form')
    await screenshot(mobile, 'phone-event-form')
  })
})
