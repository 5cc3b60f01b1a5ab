// 好人长廊 through the console: an editor of 工盛社区 drafts a person's honour
// with a photo cropped to the screen's shape (a file that is not an image, and
// one too large, refused at the field with nothing typed lost), is refused
// review without the person's consent, records it with the signed form's
// photo and submits; a reviewer of 车站街道 sees the consent and the form in
// the queue and approves; the honour reaches the gallery screen's feed; then
// consent is withdrawn and the honour leaves it, and consent given again
// sends it back through review. A long list pages; a search narrows it.
// Run by tests/console/test_honours.py against a real API over a fresh database.
import {
  BASE, DESKTOP, PHONE, assert, cityWall, createStaff, graphql, login, mutate, newContext, regionIds, screenshot, settled,
} from './helpers.mjs'
import { ADMIN, EDITOR, REVIEWER, checkChinese, field, fieldError, listText, openFromMenu, scenario, signIn, signOut } from './scenario.mjs'

const NAME = '王秀兰'
const CITATION = '十年如一日照顾楼里的独居老人，帮邻居代收快递、接送孩子。'
const GIVEN_BY = '王秀兰本人'

const SCREEN = `mutation($input: ScreenRegisterInput!) { screenRegister(input: $input) { token errors { message } } }`
const HONOUR_CREATE = 'mutation($input: HonourCreateInput!) { honourCreate(input: $input) { honour { id } errors { message } } }'
const FEED = '{ screenFeed { honours { subjectName photo { sha256 } } } }'
const HONOUR_STATE = `query($id: ID!) { node(id: $id) { ... on Honour { status subjectName
  photo { width height } consent { state givenBy method formPhoto { sha256 } withdrawnAt } } } }`

const honourList = (page) => listText(page, 'honour-list')

async function feedNames(screenToken) {
  const feed = await graphql(FEED, {}, screenToken)
  assert(!feed.errors, JSON.stringify(feed.errors))
  return feed.data.screenFeed.honours.map((h) => h.subjectName)
}

async function honourState(id, token) {
  const answer = await graphql(HONOUR_STATE, { id }, token)
  assert(!answer.errors, JSON.stringify(answer.errors))
  return answer.data.node
}

/** The honour's global ID from the form's address. */
function honourIdOf(page) {
  const match = /\/console\/honours\/([^/?]+)$/.exec(page.url())
  assert(match, `not on an honour's form: ${page.url()}`)
  return decodeURIComponent(match[1])
}

/**
 * Type a wall time into a date-time picker inside a dialog and confirm it
 * (typeDateTime's Escape would close the dialog itself).
 */
async function typeDialogTime(dialog, key, wall) {
  const input = field(dialog, key).locator('.el-date-editor input')
  await input.click()
  await input.fill(wall)
  await input.press('Enter')
  await dialog.locator('.intro').click() // away from the picker: its panel closes
}

/** Open 登记同意 on the honour's form and say who consented; the dialog. */
async function openConsent(page) {
  await page.locator('[data-test=consent-record]').click()
  const dialog = page.locator('.el-dialog:visible', { hasText: '登记本人同意' })
  await field(dialog, 'givenBy').locator('input').fill(GIVEN_BY)
  return dialog
}

/** Choose a file for the upload in the form item `key`. */
async function chooseFile(page, key, name, mimeType, buffer) {
  await field(page, key).locator('[data-test=photo-file]').setInputFiles({ name, mimeType, buffer })
}

await scenario('honours', async ({ browser, step, problems }) => {
  let ids = null
  let adminToken = null
  let editorToken = null
  let screenToken = null
  let honourId = null

  await step('set-up through the API: an editor of 工盛社区, a reviewer of 车站街道, a gallery screen', async () => {
    adminToken = await login(ADMIN)
    ids = await regionIds()
    await createStaff(adminToken, EDITOR, 'EDITOR', ids['工盛社区'])
    await createStaff(adminToken, REVIEWER, 'REVIEWER', ids['车站街道'])
    const screen = await mutate(SCREEN, { community: ids['工盛社区'], kind: 'GALLERY', name: '长廊屏' }, adminToken)
    screenToken = screen.token
    editorToken = await login(EDITOR)
  })

  const desktop = await newContext(browser, DESKTOP, problems)
  const page = await desktop.newPage()

  await step('the editor opens 好人长廊 from the menu and starts a person’s honour', async () => {
    await page.goto(`${BASE}/console/`)
    await signIn(page, EDITOR)
    await openFromMenu(page, '好人长廊', /\/console\/honours$/)
    assert((await honourList(page)).includes('暂无荣誉'), 'the list starts empty')
    await checkChinese(page, 'honours list (empty)')
    await page.locator('[data-test=new-honour]').click()
    await page.waitForURL(/\/console\/honours\/new$/)
    await field(page, 'title').locator('input').fill('好邻居')
    await field(page, 'subjectName').locator('input').fill(NAME)
    await field(page, 'citation').locator('textarea').fill(CITATION)
    const hint = await page.locator('[data-test=consent-hint]').innerText()
    assert(hint.includes('本人同意'), `a person's honour says consent comes first: ${hint}`)
    await checkChinese(page, 'honour form')
  })

  await step('a file that is not an image, and one too large, are refused at the photo; nothing typed is lost', async () => {
    await chooseFile(page, 'photo', '照片.jpg', 'image/jpeg', Buffer.from('这不是一张照片'))
    let refused = await field(page, 'photo').locator('[data-test=photo-error]').innerText()
    assert(refused.includes('无法识别的图片'), `not an image: ${refused}`)
    await chooseFile(page, 'photo', '大照片.jpg', 'image/jpeg', Buffer.alloc(9 * 1024 * 1024, 0xff))
    refused = await field(page, 'photo').locator('[data-test=photo-error]').innerText()
    assert(refused.includes('不能超过8MB'), `too large: ${refused}`)
    await screenshot(page, 'desktop-honour-photo-error')
    assert((await field(page, 'subjectName').locator('input').inputValue()) === NAME, 'the name was kept')
    assert((await field(page, 'citation').locator('textarea').inputValue()) === CITATION, 'the citation was kept')
  })

  await step('a real photo is cropped to the gallery card’s shape before it is sent', async () => {
    const photo = await page.screenshot() // a real PNG, wider than tall
    await chooseFile(page, 'photo', '王秀兰.png', 'image/png', photo)
    const dialog = page.locator('.el-dialog:visible', { hasText: '裁剪照片' })
    const frame = dialog.locator('[data-test=crop-frame]')
    await frame.waitFor()
    await page.waitForTimeout(300) // the dialog's opening transition
    await checkChinese(page, 'crop dialog')
    const box = await frame.boundingBox()
    assert(Math.abs(box.width / box.height - 0.78) < 0.02, `the frame has the card's shape: ${box.width}×${box.height}`)
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 4 })
    await page.mouse.up()
    await screenshot(page, 'desktop-honour-crop')
    await dialog.locator('[data-test=crop-confirm]').click()
    const preview = field(page, 'photo').locator('[data-test=photo-preview]')
    await preview.waitFor()
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await preview.elementHandle())
    const [w, h] = await preview.evaluate((img) => [img.naturalWidth, img.naturalHeight])
    assert(Math.abs(w / h - 0.78) < 0.01, `the uploaded photo has the card's shape: ${w}×${h}`)
    assert((await field(page, 'photo').locator('[data-test=photo-error]').count()) === 0, 'the earlier error is gone')
    await checkChinese(page, 'honour form with photo')
    await screenshot(page, 'desktop-honour-form')
  })

  await step('submitting without consent: saved as a draft, refused at the consent record, in Chinese', async () => {
    await page.locator('[data-test=save-submit]').click()
    const refusal = page.locator('[data-field=consent] [data-test=consent-error]')
    await refusal.waitFor()
    assert((await refusal.innerText()).includes('须先登记本人同意'), await refusal.innerText())
    await page.waitForURL(/\/console\/honours\/(?!new)[^/]+$/)
    honourId = honourIdOf(page)
    const saved = await honourState(honourId, editorToken)
    assert(saved.status === 'DRAFT' && saved.consent.state === 'NONE' && saved.photo, JSON.stringify(saved))
    await checkChinese(page, 'consent required')
    await screenshot(page, 'desktop-honour-consent-required')
  })

  await step('the editor records consent with the signed form’s photo (a time in the future is refused first)', async () => {
    const dialog = await openConsent(page)
    await typeDialogTime(dialog, 'givenAt', cityWall(48))
    await dialog.locator('[data-test=consent-save]').click()
    assert((await fieldError(dialog, 'givenAt')) === '同意时间不能晚于现在', 'a future consent is refused')
    await typeDialogTime(dialog, 'givenAt', cityWall(-2))
    await chooseFile(dialog, 'formPhoto', '同意书.png', 'image/png', await page.screenshot())
    await field(dialog, 'formPhoto').locator('[data-test=photo-preview]').waitFor()
    await checkChinese(page, 'consent dialog')
    await screenshot(page, 'desktop-honour-consent-dialog')
    await dialog.locator('[data-test=consent-save]').click()
    await dialog.waitFor({ state: 'hidden' })
    const panel = page.locator('[data-field=consent]')
    await panel.locator('[data-test=consent-form-photo]').waitFor()
    const text = await panel.innerText()
    assert(text.includes('已登记同意') && text.includes(GIVEN_BY) && text.includes('书面签字'), text)
    assert((await panel.locator('[data-test=consent-error]').count()) === 0, 'the refusal is gone')
  })

  await step('the editor submits it; the list shows it in review', async () => {
    await page.locator('[data-test=save-submit]').click()
    await page.waitForURL(/\/console\/honours$/)
    const list = await honourList(page)
    assert(list.includes(NAME) && list.includes('待审核') && list.includes('已登记同意'), list)
    await checkChinese(page, 'honours list')
    await screenshot(page, 'desktop-honours')
    await signOut(page)
  })

  await step('the reviewer sees the photo, the consent and the signed form in the queue, and approves', async () => {
    await signIn(page, REVIEWER)
    await page.goto(`${BASE}/console/review`)
    const card = page.locator('[data-test=review-list] .el-card', { hasText: NAME })
    await card.waitFor()
    await settled(page)
    const consent = await card.locator('[data-test=review-consent]').innerText()
    assert(consent.includes('已登记同意') && consent.includes(GIVEN_BY) && consent.includes('书面签字'), consent)
    // Both images open for the reviewer (signed links), not only for whoever uploaded them.
    for (const test of ['honour-photo', 'review-consent-form']) {
      const loaded = await card.locator(`[data-test=${test}]`).evaluate((img) => img.complete && img.naturalWidth > 0)
      assert(loaded, `${test} did not load for the reviewer`)
    }
    await checkChinese(page, 'review with an honour')
    await screenshot(page, 'desktop-review-honour')
    await card.locator('[data-test=approve]').click()
    await page.locator('.el-message-box:visible').getByRole('button', { name: '通过' }).click()
    await card.waitFor({ state: 'detached' })
    await signOut(page)
  })

  await step('the gallery screen’s feed shows the honour with its photo (read with its token)', async () => {
    const feed = await graphql(FEED, {}, screenToken)
    const shown = feed.data.screenFeed.honours.find((h) => h.subjectName === NAME)
    assert(shown?.photo?.sha256, `feed: ${JSON.stringify(feed)}`)
  })

  await step('the person withdraws consent: after a confirmation that says so, the honour leaves the screens', async () => {
    await signIn(page, EDITOR)
    await page.goto(`${BASE}/console/honours/${encodeURIComponent(honourId)}`)
    await page.locator('[data-test=consent-withdraw]').click()
    const box = page.locator('.el-message-box:visible')
    const warning = await box.innerText()
    assert(warning.includes(NAME) && warning.includes('下架') && warning.includes('撤下'), `withdrawal warning: ${warning}`)
    await checkChinese(page, 'withdrawal confirmation')
    await box.getByRole('button', { name: '确定撤回' }).click()
    await page.locator('[data-test=consent-withdrawn]').waitFor()
    await page.locator('.page-header').filter({ hasText: '已下架' }).waitFor()
    assert(!(await feedNames(screenToken)).includes(NAME), 'the screen still shows the withdrawn honour')
    const after = await honourState(honourId, editorToken)
    assert(after.status === 'ARCHIVED' && after.consent.state === 'WITHDRAWN' && after.consent.withdrawnAt, JSON.stringify(after))
    await checkChinese(page, 'withdrawn honour')
    await screenshot(page, 'desktop-honour-withdrawn')
  })

  await step('consent given again sends it back to draft, to be reviewed again, not onto the screens', async () => {
    const dialog = await openConsent(page)
    await dialog.locator('[data-test=consent-save]').click()
    await page.locator('.el-message--success').filter({ hasText: '须再次提交审核' }).waitFor()
    // The form reads the honour again: back to draft, consent given.
    await page.locator('.page-header').filter({ hasText: '草稿' }).waitFor()
    await page.locator('[data-field=consent] [data-test=consent-tag]').filter({ hasText: '已登记同意' }).waitFor()
    assert(!(await feedNames(screenToken)).includes(NAME), 'consent alone put the honour back on the screen')
    await page.goto(`${BASE}/console/honours`)
    const list = await honourList(page)
    assert(list.includes(NAME) && list.includes('草稿') && list.includes('已登记同意'), list)
  })

  const phone = await newContext(browser, PHONE, problems)
  const mobile = await phone.newPage()

  await step('on a phone: the honours as cards, and the form', async () => {
    await mobile.goto(`${BASE}/console/`)
    await signIn(mobile, EDITOR)
    await openFromMenu(mobile, '好人长廊', /\/console\/honours$/)
    assert((await honourList(mobile)).includes(NAME), 'the phone lists the honour')
    await checkChinese(mobile, 'phone honours')
    await screenshot(mobile, 'phone-honours')
    await mobile.locator('.el-card', { hasText: NAME }).getByRole('button', { name: '编辑' }).click()
    await mobile.locator('[data-field=consent]').waitFor()
    await checkChinese(mobile, 'phone honour form')
    await screenshot(mobile, 'phone-honour-form')
    await mobile.goto(`${BASE}/console/honours/new`)
    await field(mobile, 'subjectName').waitFor()
    await checkChinese(mobile, 'phone new honour')
    await screenshot(mobile, 'phone-honour-new')
  })

  await step('a long list pages with the API’s cursors, and a search narrows it on the server', async () => {
    const batch = Array.from({ length: 60 }, (_, i) => i + 1)
    for (let i = 0; i < batch.length; i += 20) {
      await Promise.all(batch.slice(i, i + 20).map((n) => mutate(HONOUR_CREATE, {
        scope: ids['工盛社区'], title: '文明楼院', subjectKind: 'BUILDING', subjectName: `${n}号楼`, citation: '楼道整洁，邻里和睦。', year: 2024,
      }, adminToken)))
    }
    await page.goto(`${BASE}/console/honours`)
    const count = page.locator('[data-test=list-count]')
    await count.filter({ hasText: '已显示 50 条，共 61 条' }).waitFor()
    assert(!(await honourList(page)).includes(NAME), 'the oldest honour is on the second page')
    await page.locator('[data-test=load-more]').click()
    await count.filter({ hasText: '已显示 61 条，共 61 条' }).waitFor()
    assert((await honourList(page)).includes(NAME), 'the second page was appended')
    assert((await page.locator('[data-test=load-more]').count()) === 0, 'nothing more to load')
    await page.getByPlaceholder('搜索称号、姓名或事迹').fill('秀兰')
    await count.filter({ hasText: '已显示 1 条，共 1 条' }).waitFor()
    assert((await honourList(page)).includes(NAME) && page.url().includes('q='), page.url())
  })
})
