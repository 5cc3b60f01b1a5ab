// The resident page (served by the API at /e/<event>?s=<screen>, not part of the
// console) on a phone: open it from the screen's QR address, sign up, see the code.
// tests/console/test_resident.py makes the event and checks the staff side after.
import { BASE, PHONE, assert, newContext, screenshot, untranslated } from './helpers.mjs'
import { scenario } from './scenario.mjs'

const EVENT = process.env.QILE_E2E_EVENT
const SCREEN = process.env.QILE_E2E_SCREEN

await scenario('resident', async ({ browser, step, problems }) => {
  const context = await newContext(browser, PHONE, problems)
  const page = await context.newPage()

  await step('open the event from the screen’s QR address', async () => {
    const response = await page.goto(`${BASE}/e/${EVENT}?s=${SCREEN}`)
    assert(response.status() === 200, `status ${response.status()}`)
    await page.getByRole('heading', { name: '重阳节包饺子' }).waitFor()
    const text = await page.locator('main').innerText()
    for (const expected of ['社区食堂', '工盛社区居委会', '共10人，剩余10人', '报名中', '自动删除']) {
      assert(text.includes(expected), `the page does not say ${expected}: ${text}`)
    }
    const latin = await untranslated(page)
    assert(latin.length === 0, `words not in Chinese: ${latin.join(', ')}`)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert(width <= 390, `the page is wider than the phone: ${width}px`)
    await screenshot(page, 'resident-event')
  })

  await step('sign up with name, number, people and consent', async () => {
    await page.getByLabel('姓名').fill('王秀兰')
    await page.getByLabel('手机号').fill('138 1234 5678')
    await page.getByLabel('人数（含本人）').selectOption('2')
    await page.getByLabel('我已阅读并同意上述个人信息处理说明').check()
    await page.getByRole('button', { name: '提交报名' }).click()
    await page.getByRole('heading', { name: '报名成功' }).waitFor()
  })

  await step('see the code to keep and the places left', async () => {
    const code = (await page.locator('.code').innerText()).trim()
    assert(/^[2-9A-HJKMNP-Z]{6}$/.test(code), `not a sign-up code: ${code}`)
    assert((await page.locator('main').innerText()).includes('剩余8人'), 'the places left did not drop by two')
    await screenshot(page, 'resident-receipt')
    console.log(`code: ${code}`)
  })
})
