// 扫码签到 (issue 13, at the door): a resident shows the QR code of the sign-up
// confirmation; staff on a phone tap 扫码签到 and the camera checks them in.
// tests/console/test_scan.py signs the resident up on the resident page, draws
// the page's QR code to pixels and films it as the fake camera of this
// browser (QILE_E2E_CAMERA, a .y4m). First, on a browser with no camera,
// the page says so in Chinese and the typed code still works as before.
import {
  BASE, PHONE, assert, createStaff, graphql, launch, login, newContext, regionIds, screenshot, settled,
} from './helpers.mjs'
import { ADMIN, EDITOR, checkChinese, scenario, signIn } from './scenario.mjs'

const CAMERA = process.env.QILE_E2E_CAMERA
const EVENT = process.env.QILE_E2E_EVENT
const NAME = process.env.QILE_E2E_RESIDENT
assert(CAMERA && EVENT && NAME, 'QILE_E2E_CAMERA, QILE_E2E_EVENT and QILE_E2E_RESIDENT must be set')

const SIGN_UPS = `query($event: ID!) { eventSignUps(event: $event, first: 10) { nodes { name checkedInAt checkedInPeople } } }`

/** Sign in as the editor on a phone and open the event's check-in page. */
async function atTheDoor(browser, problems) {
  const door = await (await newContext(browser, PHONE, problems)).newPage()
  await door.goto(`${BASE}/console/`)
  await signIn(door, EDITOR)
  await door.goto(`${BASE}/console/events/${encodeURIComponent(EVENT)}/check-in`)
  await door.locator('[data-test=running-count]').waitFor()
  await settled(door)
  return door
}

async function scanResult(door, title) {
  const result = door.locator('[data-test=scan-result]').filter({ hasText: title })
  await result.waitFor({ timeout: 20000 })
  return (await result.innerText()).trim()
}

await scenario('scan', async ({ browser, step, problems }) => {
  let editorToken = null

  await step('the admin creates an editor of 工盛社区 (through the API)', async () => {
    const admin = await login(ADMIN)
    await createStaff(admin, EDITOR, 'EDITOR', (await regionIds())['工盛社区'])
    editorToken = await login(EDITOR)
  })

  await step('on a phone without a camera, 扫码签到 says so in Chinese and the typed code box stays', async () => {
    const bare = await launch()
    try {
      const door = await atTheDoor(bare, problems)
      await door.locator('[data-test=scan-start]').click()
      const said = (await door.locator('[data-test=scan-problem]').innerText()).trim()
      assert(/摄像头/.test(said) && said.includes('请输入报名码签到'), `no camera: ${said}`)
      assert(await door.locator('[data-test=check-in-code]').isVisible(), 'the typed code box is gone')
      assert(await door.locator('[data-test=scan-start]').isVisible(), 'no way to try the camera again')
      await checkChinese(door, 'check-in without a camera')
      await screenshot(door, 'phone-check-in-no-camera')
    } finally {
      await bare.close()
    }
  })

  const door = await atTheDoor(browser, problems)

  await step('with the camera, the resident’s QR code checks them in: 签到成功 and the count', async () => {
    await door.locator('[data-test=scan-start]').click()
    const said = await scanResult(door, '签到成功')
    assert(said.includes(`签到成功 ${NAME}`) && said.includes('1人'), `after the scan: ${said}`)
    await door.locator('[data-test=running-count] .number').filter({ hasText: /^1$/ }).waitFor()
    await door.locator('[data-test=sign-up-list]').getByText('已签到1人').waitFor()
    const signUps = (await graphql(SIGN_UPS, { event: EVENT }, editorToken)).data.eventSignUps.nodes
    assert(signUps.length === 1 && signUps[0].name === NAME && signUps[0].checkedInAt && signUps[0].checkedInPeople === 1,
      `through the API: ${JSON.stringify(signUps)}`)
    const width = await door.evaluate(() => document.documentElement.scrollWidth)
    assert(width <= 390, `the check-in page is wider than the phone: ${width}px`)
    await checkChinese(door, 'check-in by camera')
    await screenshot(door, 'phone-check-in-scanned')
  })

  await step('扫描下一位 scans on: the same code again is 已签到, counted once', async () => {
    await door.locator('[data-test=scan-next]').click()
    const said = await scanResult(door, '已签到')
    assert(said.includes(`${NAME}已签到`) && !said.includes('签到成功'), `the second scan: ${said}`)
    const count = (await door.locator('[data-test=running-count] .number').innerText()).trim()
    assert(count === '1', `counted twice: ${count}`)
  })

  await step('关闭摄像头 stops the camera and leaves 扫码签到 to open it again', async () => {
    await door.locator('[data-test=scan-stop]').click()
    await door.locator('[data-test=scan-start]').waitFor()
    const live = await door.locator('[data-test=scan-video]').evaluate((v) => v.srcObject !== null)
    assert(!live, 'the camera is still on')
  })
}, { camera: CAMERA })
