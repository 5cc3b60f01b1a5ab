// The administrator's pages, done through the console in a real browser:
// accounts (create, disable, enable, reset a password, change the scope, lift
// a sign-in lock), screens (register, rotate a token, claim a pairing code,
// ask for a screenshot and see it, decommission, open a screen's pairing QR
// code's address on a phone and claim it) and the audit log filtered
// to one account. What the API must then do is checked as a kiosk or a script
// meets it: a refused token, a pairing redeemed, a screenshot asked for.
// Run by tests/console/test_admin.py against a real API over a fresh database.
import { BASE, DESKTOP, PHONE, assert, cityWall, graphql, newContext, pickRegion, screenshot } from './helpers.mjs'
import { checkChinese, createAccount, field, listText, scenario, signIn, signOut, submitSignIn } from './scenario.mjs'

const ADMIN = ['admin', 'qile-demo-2024']
const EDITOR = ['gongsheng.editor', 'gongsheng-editor-pw']
// An administrator of one subdistrict: sees and manages only what lies inside it.
const LOCAL_ADMIN = ['chezhan.admin', 'chezhan-admin-pw']
const HALL = '大厅东屏'
const UPSTAIRS = '二楼西屏'
const SCANNED = '三楼南屏'

const FEED = '{ screenFeed { version screen { name } } }'
const BEAT = `mutation($input: ScreenHeartbeatInput!) {
  screenHeartbeat(input: $input) { screenshotRequested errors { code } } }`
const PAIRING_START = 'mutation { screenPairingStart { code secret claimUrl errors { code message } } }'
const PAIRING_REDEEM = `mutation($code: String!, $secret: String!) {
  screenPairingRedeem(input: {code: $code, secret: $secret}) { status token errors { code } } }`
const UPLOAD = 'mutation($file: Upload!) { screenScreenshotUpload(file: $file) { screenshot { takenAt } errors { code message } } }'
const ME = '{ me { username scope { name } } }'
const LOGIN = `mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token errors { code } } }`

const refused = (body) => body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED'

/** As the kiosk does after each poll: report the version it shows. */
async function heartbeat(token) {
  const feed = await graphql(FEED, {}, token)
  const body = await graphql(BEAT, { input: { contentVersion: feed.data.screenFeed.version, mode: 'showing', uptimeSeconds: 7300 } }, token)
  assert(!body.errors && body.data.screenHeartbeat.errors.length === 0, `heartbeat: ${JSON.stringify(body)}`)
  return body.data.screenHeartbeat.screenshotRequested
}

/** As the kiosk sends its screenshot: a GraphQL multipart request with the screen's token. */
async function uploadScreenshot(token, png) {
  const form = new FormData()
  form.append('operations', JSON.stringify({ query: UPLOAD, variables: { file: null } }))
  form.append('map', JSON.stringify({ 0: ['variables.file'] }))
  form.append('0', new Blob([png], { type: 'image/png' }), 'screen.png')
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-qile-client': 'kiosk/e2e' },
    body: form,
  })
  const body = await response.json()
  assert(!body.errors && body.data.screenScreenshotUpload.errors.length === 0, `upload: ${JSON.stringify(body)}`)
}

async function sessionToken(page) {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('qile.console.session')).token)
}

/** The account's row (a table row on a desktop, a card on a phone). */
function accountRow(page, username) {
  return page.locator('[data-test=account-list] .el-table__row, [data-test=account-list] .el-card').filter({ hasText: username })
}

async function confirmBox(page, button, mustSay) {
  const box = page.locator('.el-message-box:visible')
  const text = await box.innerText()
  assert(text.includes(mustSay), `the confirmation says ${mustSay}: ${text}`)
  await checkChinese(page, `confirmation ${button}`)
  await box.getByRole('button', { name: button }).click()
}

async function chooseOption(page, select, text) {
  await select.click()
  if (text.length > 2) await page.keyboard.type(text)
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: new RegExp(`^${text}`) }).first().click()
}

await scenario('admin', async ({ browser, step, problems }) => {
  const desktop = await newContext(browser, DESKTOP, problems)
  const page = await desktop.newPage()
  // The editor works in a browser of their own.
  const editorContext = await newContext(browser, DESKTOP, problems)
  const editorPage = await editorContext.newPage()
  let hallToken = null
  let hallUrl = null

  await step('the admin creates an editor for 工盛社区; the list shows its role, scope and state', async () => {
    await page.goto(`${BASE}/console/admin/accounts`)
    await page.waitForURL(/\/console\/login/)
    await signIn(page, ADMIN)
    await createAccount(page, ...EDITOR, '编辑', '工盛社区')
    await page.locator('.el-message--success').filter({ hasText: EDITOR[0] }).waitFor()
    await createAccount(page, ...LOCAL_ADMIN, '管理员', '车站街道')
    await page.locator('.el-message--success').filter({ hasText: LOCAL_ADMIN[0] }).waitFor()
    await listText(page, 'account-list')
    const row = await accountRow(page, EDITOR[0]).innerText()
    assert(row.includes('编辑') && row.includes('工盛社区') && row.includes('正常'), row)
    // one's own account offers nothing that would lock oneself out
    const own = accountRow(page, '当前登录')
    assert((await own.locator('[data-test=account-toggle]').count()) === 0, 'no 停用 on one’s own account')
  })

  await step('disabling asks first; the editor’s sign-in is then refused in Chinese', async () => {
    await accountRow(page, EDITOR[0]).locator('[data-test=account-toggle]').click()
    await confirmBox(page, '确定停用', '无法登录')
    await accountRow(page, EDITOR[0]).filter({ hasText: '已停用' }).waitFor()
    await editorPage.goto(`${BASE}/console/login`)
    await submitSignIn(editorPage, EDITOR)
    await editorPage.locator('[data-test=form-error]').filter({ hasText: '用户名或密码错误' }).waitFor()
    await checkChinese(editorPage, 'refused sign-in')
  })

  await step('enabling asks first; the editor signs in again', async () => {
    await accountRow(page, EDITOR[0]).locator('[data-test=account-toggle]').click()
    await confirmBox(page, '确定启用', '重新登录')
    await accountRow(page, EDITOR[0]).filter({ hasText: '正常' }).waitFor()
    await signIn(editorPage, EDITOR)
    await editorPage.getByRole('heading', { name: /您好/ }).waitFor()
  })

  await step('a generated password, shown once, ends the editor’s session and lets them in', async () => {
    await accountRow(page, EDITOR[0]).locator('[data-test=account-reset]').click()
    const dialog = page.locator('.el-dialog:visible')
    await dialog.locator('[data-test=password-generate]').click()
    await checkChinese(page, 'password reset')
    await dialog.locator('[data-test=password-save]').click()
    const issued = await dialog.locator('[data-test=password-issued] input').inputValue()
    assert(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/.test(issued), `generated password: ${issued}`)
    await screenshot(page, 'desktop-admin-password')
    await dialog.locator('[data-test=password-done]').click()
    // the editor's open session has ended: back to sign-in, where the new password works
    await editorPage.reload()
    await editorPage.waitForURL(/\/console\/login/)
    EDITOR[1] = issued
    await signIn(editorPage, EDITOR)
    await editorPage.getByRole('heading', { name: /您好/ }).waitFor()
  })

  await step('the admin moves the editor to 车站街道, chosen from the region tree', async () => {
    await accountRow(page, EDITOR[0]).locator('[data-test=account-edit]').click()
    const dialog = page.locator('.el-dialog:visible')
    await pickRegion(page, field(dialog, 'scope'), '车站街道')
    await dialog.locator('[data-test=account-update-save]').click()
    await page.locator('.el-message--success').filter({ hasText: '已修改' }).waitFor()
    await accountRow(page, EDITOR[0]).filter({ hasText: '车站街道' }).waitFor()
    // the API acts on it at once: the editor's next request is in the new scope
    const me = await graphql(ME, {}, await sessionToken(editorPage))
    assert(me.data.me.scope.name === '车站街道', `the editor's scope: ${JSON.stringify(me)}`)
  })

  await step('failed sign-ins lock the editor out; the list says so and the admin lifts the lock', async () => {
    const attempts = []
    for (let i = 0; i < 6; i++) attempts.push(await graphql(LOGIN, { u: EDITOR[0], p: `a wrong guess ${i}` }))
    assert(attempts.at(-1).data.login.errors[0].code === 'THROTTLED', JSON.stringify(attempts.at(-1)))
    await page.reload()
    await listText(page, 'account-list')
    const row = accountRow(page, EDITOR[0])
    assert((await row.innerText()).includes('已锁定'), await row.innerText())
    await checkChinese(page, 'accounts')
    await screenshot(page, 'desktop-admin-accounts')
    await row.locator('[data-test=account-unlock]').click()
    await page.locator('.el-message--success').filter({ hasText: '已解除锁定' }).waitFor()
    await accountRow(page, EDITOR[0]).filter({ hasText: '正常' }).waitFor()
    const signedIn = await graphql(LOGIN, { u: EDITOR[0], p: EDITOR[1] })
    assert(signedIn.data.login.token, `after unlocking: ${JSON.stringify(signedIn)}`)
  })

  await step('the admin registers a screen; its token works for the screen', async () => {
    await page.goto(`${BASE}/console/admin/screens`)
    await page.locator('[data-test=new-screen]').click()
    const dialog = page.locator('.el-dialog:visible')
    await pickRegion(page, field(dialog, 'community'), '工盛社区')
    await field(dialog, 'name').locator('input').fill(HALL)
    await dialog.locator('[data-test=screen-save]').click()
    hallToken = await page.locator('[data-test=screen-token] input').inputValue()
    await page.locator('[data-test=token-done]').click()
    assert((await graphql(FEED, {}, hallToken)).data.screenFeed.screen.name === HALL, 'the first token works')
  })

  await step('rotating the token warns first, shows the new one once; the old one is refused', async () => {
    await page.locator('[data-test=screen-list] a', { hasText: HALL }).click()
    await page.waitForURL(/\/console\/screens\//)
    hallUrl = page.url()
    await page.locator('[data-test=rotate-token]').click()
    await confirmBox(page, '确定更换', '原令牌立即失效')
    await page.locator('[data-test=token-replaced]').waitFor()
    const rotated = await page.locator('[data-test=screen-token] input').inputValue()
    await checkChinese(page, 'rotated token')
    await page.locator('[data-test=token-done]').click()
    assert(rotated.startsWith('qs_') && rotated !== hallToken, 'a new token')
    assert(refused(await graphql(FEED, {}, hallToken)), 'the old token is refused')
    hallToken = rotated
    assert((await graphql(FEED, {}, hallToken)).data.screenFeed.screen.name === HALL, 'the new token works')
  })

  await step('a kiosk shows a pairing code; the admin claims it and the kiosk collects its token', async () => {
    const started = (await graphql(PAIRING_START)).data.screenPairingStart
    assert(started.code && started.errors.length === 0, JSON.stringify(started))
    const waiting = await graphql(PAIRING_REDEEM, { code: started.code, secret: started.secret })
    assert(waiting.data.screenPairingRedeem.status === 'PENDING', JSON.stringify(waiting))
    await page.goto(`${BASE}/console/admin/screens`)
    await page.locator('[data-test=claim-screen]').click()
    const dialog = page.locator('.el-dialog:visible')
    // typed as people do: lower case, with a dash
    const typed = `${started.code.slice(0, 3)}-${started.code.slice(3)}`.toLowerCase()
    await field(dialog, 'code').locator('input').fill(typed)
    await pickRegion(page, field(dialog, 'community'), '工盛社区')
    await field(dialog, 'name').locator('input').fill(UPSTAIRS)
    await checkChinese(page, 'claim form')
    await dialog.locator('[data-test=screen-save]').click()
    await page.locator('.el-message--success').filter({ hasText: UPSTAIRS }).waitFor()
    const redeemed = (await graphql(PAIRING_REDEEM, { code: started.code, secret: started.secret })).data.screenPairingRedeem
    assert(redeemed.status === 'CLAIMED' && redeemed.token, JSON.stringify(redeemed))
    assert((await graphql(FEED, {}, redeemed.token)).data.screenFeed.screen.name === UPSTAIRS, 'the paired screen reads its feed')
    await page.locator('[data-test=screen-list]').filter({ hasText: UPSTAIRS }).waitFor()
  })

  await step('a screenshot request reaches the screen; what it uploads shows through the signed link', async () => {
    assert((await heartbeat(hallToken)) === false, 'nothing asked yet')
    await page.goto(hallUrl)
    await page.locator('[data-test=request-screenshot]').click()
    await page.locator('[data-test=screenshot-pending]').waitFor()
    // the kiosk learns it from its next heartbeat, and sends what it shows
    assert((await heartbeat(hallToken)) === true, 'the heartbeat asks for a screenshot')
    const board = await desktop.newPage()
    await board.setViewportSize({ width: 1280, height: 720 })
    await board.setContent('<body style="margin:0;background:#c0392b;color:#fff;font:64px sans-serif;display:flex;align-items:center;justify-content:center;height:100vh">里仁为美·齐乐融融</body>')
    await uploadScreenshot(hallToken, await board.screenshot({ type: 'png' }))
    await board.close()
    // the page looks again by itself while the screenshot is on its way
    const image = page.locator('[data-test=screenshot-image] img')
    await image.waitFor({ timeout: 15000 })
    await page.waitForFunction(() => document.querySelector('[data-test=screenshot-image] img')?.naturalWidth > 0)
    const src = await image.getAttribute('src')
    assert(/^\/media\/[0-9a-f]{64}\?/.test(src), `a signed link: ${src}`)
    const detail = await page.locator('[data-test=screen-detail]').innerText()
    assert(detail.includes('工盛社区') && detail.includes('正常播放') && detail.includes('2小时'), detail)
    assert((await page.locator('[data-test=screen-online]').innerText()) === '在线', 'online')
    assert((await page.locator('[data-test=screen-showing]').innerText()).includes('已是最新内容'), 'it shows the current feed')
    await checkChinese(page, 'screen detail')
    await screenshot(page, 'desktop-admin-screen-detail')
  })

  await step('the home page shows what each screen shows and its last screenshot', async () => {
    await page.goto(`${BASE}/console/`)
    const list = await listText(page, 'screen-list')
    assert(list.includes(HALL) && list.includes(UPSTAIRS) && list.includes('暂无内容') && list.includes('已是最新内容'), list)
    await page.waitForFunction(() => document.querySelector('[data-test=screenshot-thumb] img')?.naturalWidth > 0)
    await checkChinese(page, 'home')
    await page.goto(`${BASE}/console/admin/screens`)
    await listText(page, 'screen-list')
    await checkChinese(page, 'screens')
    await screenshot(page, 'desktop-admin-screens')
  })

  await step('the audit log, filtered to the editor, shows what was done to it, in Chinese', async () => {
    await page.goto(`${BASE}/console/admin/audit`)
    await listText(page, 'audit-list')
    await chooseOption(page, page.locator('[data-test=audit-object-type]'), '账号')
    await chooseOption(page, page.locator('[data-test=audit-object]'), EDITOR[0])
    await page.waitForURL(/object=/)
    const log = await listText(page, 'audit-list')
    for (const done of ['创建账号', '停用账号', '启用账号', '重置密码', '修改账号', '解除登录锁定', '管辖范围已变更', '状态：正常 → 已停用']) {
      assert(log.includes(done), `the filtered log shows ${done}: ${log}`)
    }
    assert(!log.includes('登记屏幕'), `only the editor’s entries: ${log}`)
    await checkChinese(page, 'audit log')
    await screenshot(page, 'desktop-admin-audit')
    // today, in Zibo, holds them; a day long ago holds none
    const today = cityWall(0).slice(0, 10)
    await page.goto(`${page.url()}&from=${today}&to=${today}`)
    assert((await listText(page, 'audit-list')).includes('重置密码'), 'today’s entries')
    await page.goto(page.url().replace(/from=[^&]+&to=[^&]+/, 'from=2020-01-01&to=2020-01-02'))
    assert((await listText(page, 'audit-list')).includes('没有符合条件的记录'), 'nothing in 2020')
  })

  await step('decommissioning asks first; the screen leaves the list and its token stops working', async () => {
    await page.goto(hallUrl)
    await page.locator('[data-test=decommission]').click()
    await confirmBox(page, '确定停用', '不能撤销')
    await page.waitForURL(/\/console\/admin\/screens$/)
    const active = await listText(page, 'screen-list')
    assert(!active.includes(HALL) && active.includes(UPSTAIRS), active)
    assert(refused(await graphql(FEED, {}, hallToken)), 'a decommissioned screen’s token is refused')
    await page.locator('[data-test=screen-status-filter] label', { hasText: '已停用' }).click()
    await page.locator('[data-test=screen-list]').filter({ hasText: HALL }).waitFor()
    await signOut(page)
  })

  await step('on a phone, a subdistrict’s admin: only its accounts, screens and log', async () => {
    const phone = await newContext(browser, PHONE, problems)
    const mobile = await phone.newPage()
    await mobile.goto(`${BASE}/console/admin/accounts`)
    await signIn(mobile, LOCAL_ADMIN)
    await accountRow(mobile, EDITOR[0]).waitFor()
    const accounts = await listText(mobile, 'account-list')
    // the city's administrator lies outside 车站街道: not listed, so nothing is offered on it
    assert(accounts.includes(LOCAL_ADMIN[0]) && !accounts.includes('市级管理员'), accounts)
    await checkChinese(mobile, 'phone accounts')
    await screenshot(mobile, 'phone-admin-accounts')
    await mobile.goto(`${BASE}/console/admin/screens`)
    await listText(mobile, 'screen-list')
    await checkChinese(mobile, 'phone screens')
    await screenshot(mobile, 'phone-admin-screens')
    await mobile.locator('[data-test=screen-list] a', { hasText: UPSTAIRS }).click()
    await mobile.locator('[data-test=screen-detail]').waitFor()
    await checkChinese(mobile, 'phone screen detail')
    await screenshot(mobile, 'phone-admin-screen-detail')
    await mobile.goto(`${BASE}/console/admin/audit`)
    const log = await listText(mobile, 'audit-list')
    assert(log.includes('停用屏幕') && log.includes(HALL), log)
    await checkChinese(mobile, 'phone audit log')
    await screenshot(mobile, 'phone-admin-audit')
  })

  await step('a screen’s pairing QR code, opened on a phone: the admin signs in and claims the code filled in', async () => {
    // the address the kiosk draws as its QR code: the API's, the code in it
    const started = (await graphql(PAIRING_START)).data.screenPairingStart
    assert(started.claimUrl === `${BASE}/console/admin/screens?pair=${started.code}`, JSON.stringify(started))
    const phone = await newContext(browser, PHONE, problems)
    const mobile = await phone.newPage()
    await mobile.goto(started.claimUrl)
    await mobile.waitForURL(/\/console\/login/)
    await signIn(mobile, LOCAL_ADMIN)
    const dialog = mobile.locator('.el-dialog:visible')
    await dialog.waitFor()
    assert((await dialog.locator('.el-dialog__title').innerText()) === '认领配对码', 'the claim form is open')
    assert((await field(dialog, 'code').locator('input').inputValue()) === started.code, 'the code is filled in')
    // out of the address once opened: coming back does not open it again
    await mobile.waitForURL((url) => url.pathname === '/console/admin/screens' && !url.searchParams.has('pair'))
    await pickRegion(mobile, field(dialog, 'community'), '工盛社区')
    await field(dialog, 'name').locator('input').fill(SCANNED)
    await checkChinese(mobile, 'phone claim form from a QR code')
    await screenshot(mobile, 'phone-admin-claim-scanned')
    await dialog.locator('[data-test=screen-save]').click()
    await mobile.locator('.el-message--success').filter({ hasText: SCANNED }).waitFor()
    const redeemed = (await graphql(PAIRING_REDEEM, { code: started.code, secret: started.secret })).data.screenPairingRedeem
    assert(redeemed.status === 'CLAIMED' && redeemed.token, JSON.stringify(redeemed))
    assert((await graphql(FEED, {}, redeemed.token)).data.screenFeed.screen.name === SCANNED, 'the paired screen reads its feed')
  })
})
