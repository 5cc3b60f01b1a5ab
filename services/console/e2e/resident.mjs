// The resident page (served by the API at /e/<event>?s=<screen>, not part of the
// console) on a phone, from the address zbarimg read off a real kiosk's frame
// (QILE_E2E_URL): open it as WeChat's browser on Android would, with JavaScript
// off, weighing the first load; sign up; see the code. Then staff in the console
// see the sign-up with the number masked, and the screens list counts the scan
// for the screen. tests/console/test_resident.py draws the frame and checks the
// database after.
import { BASE, DESKTOP, PHONE, assert, newContext, screenshot, untranslated } from './helpers.mjs'
import { ADMIN, checkChinese, openSignUps, scansOnScreensList, scenario, signIn } from './scenario.mjs'

const URL = process.env.QILE_E2E_URL
const TITLE = '重阳节包饺子'
const SCREEN = '大厅东屏'
const LIMIT = 100 * 1024
// WeChat's in-app browser on an Android phone names itself so; the page must not depend on who asks.
const WECHAT =
  'Mozilla/5.0 (Linux; Android 10; M2006C3LC Build/QP1A.190711.020; wv) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/86.0.4240.99 XWEB/4343 MMWEBSDK/20221011 Mobile Safari/537.36 MicroMessenger/8.0.30.2260(0x28001E3B) ' +
  'WeChat/arm64 Weixin NetType/4G Language/zh_CN ABI/arm64'

/** Bytes that came over the wire for `requests`: headers and (compressed) bodies, as the phone pays for them. */
async function transferred(requests) {
  let bytes = 0
  for (const r of requests) {
    const sizes = await r.sizes()
    bytes += sizes.responseHeadersSize + sizes.responseBodySize
  }
  return bytes
}

await scenario('resident', async ({ browser, step, problems }) => {
  assert(URL && URL.startsWith(`${BASE}/e/`), `not a resident page's address: ${URL}`)
  // No JavaScript at all: what a basic Android browser cannot run, the page must not need.
  const phone = await newContext(browser, { ...PHONE, userAgent: WECHAT, javaScriptEnabled: false }, problems)
  const page = await phone.newPage()

  await step('open the address read off the screen: one light request, no script, everything in Chinese', async () => {
    const requests = []
    page.on('request', (r) => requests.push(r))
    const response = await page.goto(URL, { waitUntil: 'load' })
    assert(response.status() === 200, `status ${response.status()}`)
    const bytes = await transferred(requests)
    console.log(`first load: ${requests.length} request(s), ${bytes} bytes transferred`)
    assert(bytes < LIMIT, `the first load is ${bytes} bytes, over ${LIMIT}`)
    assert(requests.length === 1, `more than the page was fetched: ${requests.map((r) => r.url()).join(', ')}`)
    assert((await page.locator('script').count()) === 0, 'the page carries a script')
    // Nor CSS an old Android WebView lacks: grid, custom properties, flex gap.
    const style = (await page.locator('style').allTextContents()).join('')
    assert(!/grid|var\(|[{;]gap:/.test(style), `newer CSS than an old phone knows: ${style}`)
    const policy = response.headers()['content-security-policy'] ?? ''
    assert(policy.includes("default-src 'none'") && !policy.includes('script-src'), `scripts allowed: ${policy}`)

    await page.getByRole('heading', { name: TITLE }).waitFor()
    const text = await page.locator('main').innerText()
    const expected = ['社区食堂', '工盛社区居委会', '共10人，剩余10人', '报名中', '姓名和手机号', '名额确认', '90天后自动删除', '取消码']
    for (const words of expected) assert(text.includes(words), `the page does not say ${words}: ${text}`)
    const latin = await untranslated(page)
    assert(latin.length === 0, `words not in Chinese: ${latin.join(', ')}`)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert(width <= 390, `the page is wider than the phone: ${width}px`)
    await screenshot(page, 'resident-event')
  })

  await step('sign up with name, number, people and consent (a plain form post)', async () => {
    await page.getByLabel('姓名').fill('王秀兰')
    await page.getByLabel('手机号').fill('138 1234 5678')
    await page.getByLabel('人数（含本人）').selectOption('2')
    await page.getByLabel('我已阅读并同意上述个人信息处理说明').check()
    await page.getByRole('button', { name: '提交报名' }).click()
    await page.getByRole('heading', { name: '报名成功' }).waitFor()
  })

  let code = null
  await step('see the confirmation, the code to keep (and to cancel with) and the places left', async () => {
    code = (await page.locator('.code').innerText()).trim()
    assert(/^[2-9A-HJKMNP-Z]{6}$/.test(code), `not a sign-up code: ${code}`)
    const text = await page.locator('main').innerText()
    assert(text.includes(`王秀兰，您已报名“${TITLE}”，共2人`), `no confirmation: ${text}`)
    assert(text.includes('剩余8人'), 'the places left did not drop by two')
    assert(text.includes('输入取消码可取消报名'), 'no word on cancelling with the code')
    await screenshot(page, 'resident-receipt')
    console.log(`code: ${code}`)
  })

  const desktop = await newContext(browser, DESKTOP, problems)
  const staff = await desktop.newPage()

  await step('staff see the sign-up in the console with the number masked', async () => {
    await staff.goto(`${BASE}/console/`)
    await signIn(staff, ADMIN)
    const row = await openSignUps(staff, TITLE, '王秀兰')
    assert(row.includes('138****5678') && !row.includes('13812345678'), `the number is not masked: ${row}`)
    assert((await staff.locator('[data-test=places-left]').innerText()) === '共10人，剩余8人', 'places on the staff page')
    await checkChinese(staff, 'sign-ups page')
    await screenshot(staff, 'resident-staff-sign-ups')
  })

  await step(`the screens list counts the scan and the two people for ${SCREEN}`, async () => {
    const total = await scansOnScreensList(staff, TITLE, SCREEN, '扫码1次 · 报名2人')
    assert(total.includes('共扫码1次，报名2人'), `the total: ${total}`)
    await checkChinese(staff, 'screens with scans')
    await screenshot(staff, 'resident-staff-screens')
  })
})
