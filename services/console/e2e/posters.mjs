// Posters through the console: an editor of 工盛社区 writes a notice with a
// poster (a file that is not an image refused at the field, nothing typed
// lost), says people are recognisable in it and is refused until their
// consent is recorded, then submits; a reviewer of 车站街道 sees the poster
// in the queue and approves; the bulletin screen's feed carries the poster
// (its size, `poster: true`) and the poster itself is served.
// Run by tests/console/test_posters.py against a real API over a fresh database.
import { readFileSync } from 'node:fs'
import { BASE, DESKTOP, assert, createStaff, graphql, login, mutate, newContext, regionIds, screenshot, settled } from './helpers.mjs'
import { ADMIN, EDITOR, REVIEWER, checkChinese, field, fieldError, openFromMenu, scenario, signIn, signOut } from './scenario.mjs'

const TITLE = '邻里节海报：欢迎全家参加'
// The kiosk's own drawing of this poster (same title, 600×850), recorded by tests/kiosk/board_cases.py.
const CASES = JSON.parse(readFileSync(new URL('../../../tests/kiosk/board_cases.json', import.meta.url), 'utf8'))
const BODY = '5月18日上午9点，社区文化广场，百家宴、游园和才艺表演。'
const SCREEN = `mutation($input: ScreenRegisterInput!) { screenRegister(input: $input) { token errors { message } } }`
const FEED = '{ screenFeed { notices { title image { kind poster showsPeople consent { givenBy } photo { url width height } } } } }'

/** A designed poster, portrait, as a real PNG: drawn by the browser itself. */
async function posterPng(browser) {
  const page = await browser.newPage({ viewport: { width: 600, height: 850 } })
  await page.setContent(`<body style="margin:0"><div id="poster" style="width:600px;height:850px;background:#1e9e5a;
    color:#fff;font:bold 64px sans-serif;display:flex;flex-direction:column;align-items:center;justify-content:center">
    <div>邻里节</div><div style="font-size:36px;margin-top:24px">5月18日 社区文化广场</div></div></body>`)
  const png = await page.locator('#poster').screenshot()
  await page.close()
  return png
}

async function chooseFile(page, name, mimeType, buffer) {
  await field(page, 'image').locator('[data-test=photo-file]').setInputFiles({ name, mimeType, buffer })
}

await scenario('posters', async ({ browser, step, problems }) => {
  let screenToken = null

  await step('set-up through the API: an editor of 工盛社区, a reviewer of 车站街道, a bulletin screen', async () => {
    const adminToken = await login(ADMIN)
    const ids = await regionIds()
    await createStaff(adminToken, EDITOR, 'EDITOR', ids['工盛社区'])
    await createStaff(adminToken, REVIEWER, 'REVIEWER', ids['车站街道'])
    const screen = await mutate(SCREEN, { community: ids['工盛社区'], kind: 'BULLETIN', name: '阅报栏屏' }, adminToken)
    screenToken = screen.token
  })

  const poster = await posterPng(browser)
  const desktop = await newContext(browser, DESKTOP, problems)
  const page = await desktop.newPage()

  await step('the editor writes a notice; a file that is not an image is refused at the field, nothing typed lost', async () => {
    await page.goto(`${BASE}/console/`)
    await signIn(page, EDITOR)
    await openFromMenu(page, '通知公告', /\/console\/notices$/)
    await page.locator('[data-test=new-notice]').click()
    await page.waitForURL(/\/console\/notices\/new$/)
    await field(page, 'title').locator('input').fill(TITLE)
    await field(page, 'body').locator('textarea').fill(BODY)
    await chooseFile(page, '海报.png', 'image/png', Buffer.from('这不是一张海报'))
    const refused = await field(page, 'image').locator('[data-test=photo-error]').innerText()
    // Its kind is chosen after upload: a 图片 until then, never an honour's 照片.
    assert(refused.includes('无法识别的图片') && refused.includes('格式的图片') && !refused.includes('照片'), `not an image: ${refused}`)
    assert((await field(page, 'title').locator('input').inputValue()) === TITLE, 'the title was kept')
  })

  await step('the poster is uploaded, previewed whole, and kept as a poster (海报) by default', async () => {
    await chooseFile(page, '海报.png', 'image/png', poster)
    const preview = field(page, 'image').locator('[data-test=photo-preview]')
    await preview.waitFor()
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await preview.elementHandle())
    const [w, h] = await preview.evaluate((img) => [img.naturalWidth, img.naturalHeight])
    assert(w === 600 && h === 850, `the poster is stored whole, not cropped: ${w}×${h}`)
    assert(await page.locator('[data-test=image-kind-POSTER] input').isChecked(), '海报 is chosen')
    const hint = await page.locator('[data-test=image-kind-hint]').innerText()
    assert(hint.includes('不裁剪'), hint)
    assert((await page.locator('[data-test=image-size]').innerText()).includes('600×850'), 'its size is shown')
    // Refusals now call it a 海报 (the API's, and the console's own), an activity photo a 图片; the poster stays.
    const refusal = async (buffer) => {
      await chooseFile(page, '海报.png', 'image/png', buffer)
      const error = field(page, 'image').locator('[data-test=photo-error]')
      await error.waitFor()
      await settled(page)
      return error.innerText()
    }
    const notImage = await refusal(Buffer.from('这也不是海报'))
    assert(notImage.includes('格式的海报') && !notImage.includes('照片'), `API refusal: ${notImage}`)
    const heavy = Buffer.alloc(9 * 1024 * 1024, 1)
    assert((await refusal(heavy)).startsWith('海报文件不能超过8MB'), 'a heavy poster is named a poster')
    await page.locator('[data-test=image-kind-PHOTO]').click()
    assert((await refusal(heavy)).startsWith('图片文件不能超过8MB'), 'a heavy activity photo is named a picture')
    await page.locator('[data-test=image-kind-POSTER]').click()
    assert((await field(page, 'image').locator('[data-test=photo-choose]').innerText()).includes('更换海报'), 'the button says 海报')
    await chooseFile(page, '海报.png', 'image/png', poster)
    await field(page, 'image').locator('[data-test=photo-error]').waitFor({ state: 'detached' })
    // The board preview draws the poster itself, fitted whole where the kiosk fits it, its title under it.
    for (const board of ['1920x1080', '1080x1920', '1280x720']) {
      await page.locator(`[data-test=board-choice] [data-board="${board}"]`).click()
      const stage = page.locator(`.board-stage[data-board="${board}"]`)
      const img = stage.locator('[data-test=board-image]')
      await img.waitFor()
      await page.waitForFunction((el) => el.complete && el.naturalWidth === 600, await img.elementHandle())
      const rect = await img.evaluate((e) => ['x', 'y', 'w', 'h'].map((k) => Number(e.dataset[k])))
      const kiosk = CASES.fontFrames.find((f) => f.item === 'notice-poster-portrait' && f.board === board)
      const kioskImage = kiosk.draws.find((d) => d[0] === 'image').slice(1)
      assert(JSON.stringify(rect) === JSON.stringify(kioskImage), `${board}: poster at ${rect}, the kiosk's at ${kioskImage}`)
      const texts = await stage.locator('.board-text').evaluateAll((els) => els.map((e) => [e.textContent, Number(e.dataset.x), Number(e.dataset.y)]))
      const kioskTexts = kiosk.draws.filter((d) => d[0] === 'text').map((d) => [d[1], d[2], d[3]])
      assert(JSON.stringify(texts) === JSON.stringify(kioskTexts), `${board}: ${JSON.stringify(texts)} vs ${JSON.stringify(kioskTexts)}`)
      assert((await page.locator('[data-test=preview-page-caption]').innerText()).includes('海报'), 'the page says it is the poster')
    }
    await screenshot(page, 'desktop-notice-poster-preview')
  })

  await step('people are recognisable in it: saving is refused until their consent is recorded', async () => {
    await page.locator('[data-test=image-people]').click()
    await page.locator('[data-test=image-consent-hint]').waitFor()
    await page.locator('[data-test=save-submit]').click()
    const refusal = await fieldError(page, 'imageConsentBy')
    assert(refusal.includes('本人同意'), `consent is asked for: ${refusal}`)
    assert(page.url().endsWith('/notices/new'), 'nothing was saved')
    await checkChinese(page, 'notice form with a poster')
    await screenshot(page, 'desktop-notice-poster-consent')
    await field(page, 'imageConsentBy').locator('input').fill('海报中居民本人')
    await field(page, 'imageConsentMethod').locator('input').fill('书面签字')
    await screenshot(page, 'desktop-notice-poster-form')
    await page.locator('[data-test=save-submit]').click()
    await page.waitForURL(/\/console\/notices$/)
    await signOut(page)
  })

  await step('the reviewer sees the poster in the queue and approves it', async () => {
    await signIn(page, REVIEWER)
    await page.goto(`${BASE}/console/review`)
    const card = page.locator('[data-test=review-list] .el-card', { hasText: TITLE })
    await card.waitFor()
    await settled(page)
    const image = card.locator('[data-test=review-image-new]')
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await image.elementHandle())
    const text = await card.locator('[data-test=review-image]').innerText()
    assert(text.includes('海报') && text.includes('海报中居民本人') && text.includes('书面签字'), text)
    await checkChinese(page, 'review with a poster')
    await screenshot(page, 'desktop-review-poster')
    await card.locator('[data-test=approve]').click()
    await page.locator('.el-message-box:visible').getByRole('button', { name: '通过' }).click()
    await card.waitFor({ state: 'detached' })
    await signOut(page)
  })

  await step('the bulletin screen’s feed carries the poster, and the poster is served', async () => {
    const feed = await graphql(FEED, {}, screenToken)
    assert(!feed.errors, JSON.stringify(feed.errors))
    const shown = feed.data.screenFeed.notices.find((n) => n.title === TITLE)
    const image = shown?.image
    assert(image && image.poster && image.kind === 'POSTER' && image.showsPeople, `feed: ${JSON.stringify(feed)}`)
    assert(image.consent === null, 'a screen is not told who consented')
    assert(image.photo.width === 600 && image.photo.height === 850, JSON.stringify(image.photo))
    const served = await fetch(`${BASE}${image.photo.url}`, { headers: { authorization: `Bearer ${screenToken}` } })
    assert(served.status === 200 && served.headers.get('content-type') === 'image/jpeg', `served: ${served.status}`)
  })
})
