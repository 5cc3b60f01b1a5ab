// The README's staff walkthrough, done through the console in a real browser:
// an admin creates an editor and a reviewer and registers a screen, the editor
// drafts and submits a notice, the reviewer approves it, and the screen's feed
// (read with its token, as a kiosk does) shows it. Also: a rejection's reason
// reaching the editor, an expired session returning to sign-in and back, an
// item outside the editor's scope absent from their lists, payload errors at
// their fields, a lost connection keeping what was typed, GraphiQL offline.
// Run by tests/console/test_console.py against a real API over a fresh database.
import {
  BASE, CJK_FONT, DESKTOP, PHONE, assert, cityWall, fontsOf, graphql, newContext, pickRegion, screenshot, settled,
  typeDateTime,
} from './helpers.mjs'
import { checkChinese, createAccount, field, fieldError, listText, scenario, signIn, signOut, submitSignIn } from './scenario.mjs'

const ADMIN = ['admin', 'qile-demo-2024']
const EDITOR = ['gongsheng.editor', 'gongsheng-editor-pw']
const REVIEWER = ['chezhan.reviewer', 'chezhan-reviewer-pw']
const WATER = '3号楼周四上午停水'
const CLINIC = '社区义诊通知'
// Read once: the notice's start is checked again minutes later, perhaps across a minute boundary.
const WATER_START = cityWall(-1)
const ELSEWHERE = '临淄区的草稿通知'
const REASON = '请补充义诊的具体地点和时间'

let screenToken = null

async function fillNotice(page, { title, body, start, end, region }) {
  if (region) await pickRegion(page, field(page, 'scope'), region)
  await field(page, 'title').locator('input').fill(title)
  await field(page, 'body').locator('textarea').fill(body)
  if (start) await typeDateTime(page, field(page, 'displayStart'), start)
  if (end) await typeDateTime(page, field(page, 'displayEnd'), end)
}

const noticeTitles = (page) => listText(page, 'notice-list')

await scenario('walkthrough', async ({ browser, step, problems }) => {
  const desktop = await newContext(browser, DESKTOP, problems)
  const page = await desktop.newPage()

  await step('GraphiQL renders from the API itself, with no other host', async () => {
    await page.goto(`${BASE}/graphql`)
    await page.locator('.graphiql-container .CodeMirror').first().waitFor({ timeout: 20000 })
    // It read the schema (introspection passed the gate) and runs the example.
    // (A run asked for before the schema has arrived is ignored: ask again.)
    const answered = page.locator('.result-window').filter({ hasText: '张店区' })
    for (let tries = 0; tries < 20 && !(await answered.isVisible()); tries++) {
      await page.locator('.graphiql-execute-button').click()
      await answered.waitFor({ timeout: 1000 }).catch(() => undefined)
    }
    await answered.waitFor({ timeout: 1000 })
    await screenshot(page, 'desktop-graphiql')
  })

  await step('the console asks to sign in, in Chinese, drawn with a CJK font', async () => {
    await page.goto(`${BASE}/console/`)
    await page.waitForURL(/\/console\/login\?redirect=/)
    const fonts = await fontsOf(page, '.login-brand h1')
    assert(fonts.some((f) => CJK_FONT.test(f.familyName)), `no CJK font drew the title: ${JSON.stringify(fonts)}`)
    await checkChinese(page, 'login')
    await screenshot(page, 'desktop-login')
  })

  await step('a wrong password is refused in Chinese; the right one signs in', async () => {
    await submitSignIn(page, [ADMIN[0], 'not-the-password'])
    await page.locator('[data-test=form-error]').filter({ hasText: '用户名或密码错误' }).waitFor()
    await signIn(page, ADMIN)
    await page.getByRole('heading', { name: /您好/ }).waitFor()
    await checkChinese(page, 'home')
    await screenshot(page, 'desktop-home-admin')
  })

  await step('the admin creates an editor and a reviewer; a taken username is refused at its field', async () => {
    await page.goto(`${BASE}/console/admin/accounts`)
    await createAccount(page, ...EDITOR, '编辑', '工盛社区')
    await page.locator('.el-message--success').filter({ hasText: EDITOR[0] }).waitFor()
    await createAccount(page, ...REVIEWER, '审核员', '车站街道')
    await page.locator('.el-message--success').filter({ hasText: REVIEWER[0] }).waitFor()
    await createAccount(page, EDITOR[0], 'another-long-password', '编辑', '工盛社区')
    const taken = await fieldError(page.locator('.el-dialog:visible'), 'username')
    assert(taken.includes('已被使用'), `duplicate username: ${taken}`)
    await page.locator('.el-dialog:visible').getByRole('button', { name: '取消' }).click()
    const list = await listText(page, 'account-list')
    assert(list.includes(EDITOR[0]) && list.includes(REVIEWER[0]) && list.includes('车站街道'), list)
    await checkChinese(page, 'accounts')
    await screenshot(page, 'desktop-accounts')
  })

  await step('the admin registers a screen and sees its token once', async () => {
    await page.goto(`${BASE}/console/admin/screens`)
    await page.locator('[data-test=new-screen]').click()
    const dialog = page.locator('.el-dialog:visible')
    await pickRegion(page, field(dialog, 'community'), '工盛社区')
    await field(dialog, 'name').locator('input').fill('测试屏')
    await dialog.locator('[data-test=screen-save]').click()
    screenToken = await page.locator('[data-test=screen-token] input').inputValue()
    assert(screenToken.startsWith('qs_'), `screen token: ${screenToken}`)
    await screenshot(page, 'desktop-screen-token')
    await page.locator('[data-test=token-done]').click()
    await page.locator('[data-test=screen-list]').filter({ hasText: '测试屏' }).waitFor()
  })

  await step('the admin drafts a notice in another district (outside the editor’s scope)', async () => {
    await page.goto(`${BASE}/console/notices/new`)
    await fillNotice(page, { title: ELSEWHERE, body: '只属于临淄区。', region: '临淄区' })
    await page.locator('[data-test=save-draft]').click()
    await page.waitForURL(/\/console\/notices$/)
    assert((await noticeTitles(page)).includes(ELSEWHERE), 'the admin sees the draft')
    await signOut(page)
  })

  await step('the editor drafts a notice: live title count, urgent confirmation, errors at their fields', async () => {
    await signIn(page, EDITOR)
    await page.goto(`${BASE}/console/notices`)
    const list = await noticeTitles(page)
    assert(!list.includes(ELSEWHERE), 'a draft outside the editor’s scope is listed')
    await page.locator('[data-test=new-notice]').click()
    await field(page, 'title').locator('input').fill('一'.repeat(31))
    const counter = page.locator('[data-test=title-counter]')
    assert((await counter.innerText()) === '31/30' && (await counter.getAttribute('class')).includes('over'), 'counter')
    await page.locator('[data-test=urgent-switch]').click()
    const box = page.locator('.el-message-box:visible')
    const warning = await box.innerText()
    assert(warning.includes('工盛社区') && warning.includes('每一块屏幕'), `urgent warning: ${warning}`)
    await checkChinese(page, 'urgent confirmation')
    await box.getByRole('button', { name: '取消' }).click()
    assert((await page.locator('[data-test=urgent-switch]').getAttribute('class')).includes('is-checked') === false, 'urgent stayed off')
    // The window ends before it starts: the API refuses, at the end field.
    await fillNotice(page, { title: WATER, body: '周四8:00至12:00停水检修，请提前储水。', start: WATER_START, end: cityWall(-2) })
    await field(page, 'displayStart').locator('.el-date-editor').click()
    await page.locator('.el-picker-panel:visible').first().waitFor()
    await checkChinese(page, 'date picker')
    await screenshot(page, 'desktop-notice-form-picker')
    await page.keyboard.press('Escape')
    await page.locator('[data-test=save-submit]').click()
    const endError = await fieldError(page, 'displayEnd')
    assert(endError.includes('晚于开始时间'), `display end: ${endError}`)
    await screenshot(page, 'desktop-notice-form-error')
  })

  await step('a lost connection says so and keeps what was typed', async () => {
    problems.expectingNetworkFailure = true
    await page.route('**/graphql', (route) => route.abort('connectionrefused'))
    await typeDateTime(page, field(page, 'displayEnd'), cityWall(24 * 7))
    await page.locator('[data-test=save-submit]').click()
    await page.locator('[data-test=form-error]').filter({ hasText: '无法连接服务器，请稍后重试' }).waitFor()
    assert((await field(page, 'title').locator('input').inputValue()) === WATER, 'the title was kept')
    await page.unroute('**/graphql')
    problems.expectingNetworkFailure = false
  })

  await step('the editor submits it for review, shown in Zibo time', async () => {
    await page.locator('[data-test=save-submit]').click()
    await page.waitForURL(/\/console\/notices$/)
    const list = await noticeTitles(page)
    assert(list.includes(WATER) && list.includes('待审核'), list)
    assert(list.includes(WATER_START), `the window reads in Zibo time (${WATER_START}): ${list}`)
    await page.locator('[data-test=new-notice]').click()
    await fillNotice(page, { title: CLINIC, body: '周六上午社区卫生服务站义诊。' })
    await page.locator('[data-test=save-submit]').click()
    await page.waitForURL(/\/console\/notices$/)
    await checkChinese(page, 'notice list')
    await screenshot(page, 'desktop-notices')
  })

  await step('an expired session returns to sign-in, and afterwards to where the user was', async () => {
    await page.goto(`${BASE}/console/notices?status=IN_REVIEW`)
    await noticeTitles(page)
    // The API forgets the session (as at the end of its 12 hours).
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('qile.console.session')).token)
    await graphql('mutation { logout { ok } }', {}, token)
    await page.reload()
    await page.waitForURL(/\/console\/login\?redirect=/)
    await page.locator('[data-test=expired-notice]').waitFor()
    await screenshot(page, 'desktop-login-expired')
    await signIn(page, EDITOR)
    await page.waitForURL(/\/console\/notices\?status=IN_REVIEW$/)
    // The token lives in memory and sessionStorage only (GraphiQL keeps its own editor state in localStorage).
    const cookies = await page.context().cookies()
    const local = await page.evaluate(() => {
      const token = JSON.parse(sessionStorage.getItem('qile.console.session')).token
      return Object.entries(localStorage).filter(([k, v]) => k.startsWith('qile') || v.includes(token))
    })
    assert(cookies.length === 0 && local.length === 0, `the token stays out of cookies and localStorage: ${JSON.stringify([cookies, local])}`)
    await signOut(page)
  })

  await step('the reviewer approves one and rejects the other with a reason', async () => {
    await signIn(page, REVIEWER)
    await page.goto(`${BASE}/console/review`)
    const card = (title) => page.locator('[data-test=review-list] .el-card', { hasText: title })
    await card(WATER).waitFor()
    await checkChinese(page, 'review')
    await screenshot(page, 'desktop-review')
    await card(WATER).locator('[data-test=approve]').click()
    await page.locator('.el-message-box:visible').getByRole('button', { name: '通过' }).click()
    await card(WATER).waitFor({ state: 'detached' })
    await card(CLINIC).locator('[data-test=reject]').click()
    const dialog = page.locator('.el-dialog:visible')
    await dialog.locator('[data-test=reject-confirm]').click()
    assert((await fieldError(dialog, 'reason')) === '请填写退回理由', 'a reason is required')
    await field(dialog, 'reason').locator('textarea').fill(REASON)
    await dialog.locator('[data-test=reject-confirm]').click()
    await card(CLINIC).waitFor({ state: 'detached' })
    await signOut(page)
  })

  await step('the approved notice is in the screen’s feed (read with its token)', async () => {
    const feed = await graphql('{ screenFeed { screen { name } notices { title displayStart } } }', {}, screenToken)
    const titles = feed.data.screenFeed.notices.map((n) => n.title)
    assert(titles.includes(WATER) && !titles.includes(CLINIC), `feed: ${JSON.stringify(feed)}`)
    const water = feed.data.screenFeed.notices.find((n) => n.title === WATER)
    // picked in a New York browser as Zibo's wall time, stored as that instant
    assert(water.displayStart.startsWith(WATER_START.replace(' ', 'T')) && water.displayStart.endsWith('+08:00'), water.displayStart)
  })

  await step('the editor finds the rejection and its reason on the home page', async () => {
    await signIn(page, EDITOR)
    const rejected = page.locator('[data-test=rejected-items]')
    await rejected.filter({ hasText: REASON }).waitFor()
    assert((await rejected.innerText()).includes(CLINIC), 'the rejected notice is named')
    await screenshot(page, 'desktop-home-editor')
  })

  await step('changing the password asks for the current one, at its field', async () => {
    await page.goto(`${BASE}/console/account/password`)
    await field(page, 'currentPassword').locator('input').fill('not-my-password')
    await field(page, 'newPassword').locator('input').fill('a-brand-new-password')
    await field(page, 'confirm').locator('input').fill('a-brand-new-password')
    await page.locator('[data-test=password-save]').click()
    assert((await fieldError(page, 'currentPassword')) === '当前密码不正确', 'wrong current password')
    await checkChinese(page, 'password')
    await field(page, 'currentPassword').locator('input').fill(EDITOR[1])
    await page.locator('[data-test=password-save]').click()
    await page.locator('.el-message--success').filter({ hasText: '密码已修改' }).waitFor()
    EDITOR[1] = 'a-brand-new-password'
  })

  const phone = await newContext(browser, PHONE, problems)
  const mobile = await phone.newPage()

  await step('on a phone: sign-in, the menu drawer, home, notices, the form', async () => {
    await mobile.goto(`${BASE}/console/`)
    await screenshot(mobile, 'phone-login')
    await signIn(mobile, EDITOR)
    await screenshot(mobile, 'phone-home')
    await mobile.locator('[data-test=menu-toggle]').click()
    await mobile.locator('.el-drawer .el-menu-item', { hasText: '通知公告' }).click()
    await mobile.waitForURL(/\/console\/notices$/)
    const list = await noticeTitles(mobile)
    assert(list.includes(WATER) && !list.includes(ELSEWHERE), list)
    await checkChinese(mobile, 'phone notices')
    await screenshot(mobile, 'phone-notices')
    await mobile.goto(`${BASE}/console/notices/new`)
    await field(mobile, 'title').waitFor()
    await checkChinese(mobile, 'phone form')
    await screenshot(mobile, 'phone-notice-form')
    await signOut(mobile)
    await signIn(mobile, REVIEWER)
    await mobile.goto(`${BASE}/console/review`)
    await mobile.locator('[data-test=review-list]').waitFor()
    await checkChinese(mobile, 'phone review (empty)')
    await screenshot(mobile, 'phone-review')
  })

  assert(problems.consoleRequests > 50, `only ${problems.consoleRequests} console requests were seen`)
})
