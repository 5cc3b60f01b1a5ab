// The board preview, revision diffs, urgent notices and long lists, in a real
// browser against the real API: an editor sees a long title whole on every
// board (with the kiosk's own lines, from tests/kiosk/board_cases.json), an
// event's QR code where the kiosk draws it, reading back as its address,
// a reviewer sees what a revision changed, an urgent notice names the screens
// it interrupts and reaches a screen's feed, and 120 notices can all be reached.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  BASE, CJK_FONT, DESKTOP, PHONE, assert, fontsOf, graphql, newContext, pickRegion, screenshot, settled, typeDateTime,
} from './helpers.mjs'
import { checkChinese, field, scenario, signIn, signOut } from './scenario.mjs'

const CASES = JSON.parse(readFileSync(new URL('../../../tests/kiosk/board_cases.json', import.meta.url), 'utf8'))
const ADMIN = ['admin', 'qile-demo-2024']
const EDITOR = ['gongsheng.editor', 'gongsheng-editor-pw']
const REVIEWER = ['chezhan.reviewer', 'chezhan-reviewer-pw']
const LONG = CASES.items['notice-long-title'].fields
const QR_EVENT = CASES.items['event-qr'].fields
const WATER = ['3号楼周四上午停水', '周四8:00至12:00停水检修，请提前储水。']
const WATER_REVISED = ['3号楼周五上午停水', '周五8:00至12:00停水检修，请大家提前储水。']
const STORM = '暴雨橙色预警：今晚请勿外出'
const BATCH = 120

let screenToken = null

async function call(query, variables, token) {
  const body = await graphql(query, variables, token)
  assert(!body.errors, `${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`)
  return body.data
}

async function apiToken([username, password]) {
  const data = await call('mutation($i: LoginInput!) { login(input: $i) { token errors { message } } }', { i: { username, password } })
  assert(data.login.token, `login ${username}: ${JSON.stringify(data.login.errors)}`)
  return data.login.token
}

async function payload(query, input, token, key) {
  const data = await call(query, { input }, token)
  const result = data[key]
  assert(result.errors.length === 0, `${key}: ${JSON.stringify(result.errors)}`)
  return result
}

const CREATE = 'mutation($input: NoticeCreateInput!) { noticeCreate(input: $input) { notice { id version } errors { message } } }'
const SUBMIT = 'mutation($input: ReviewInput!) { noticeSubmit(input: $input) { notice { id version } errors { message } } }'
const APPROVE = 'mutation($input: ReviewInput!) { noticeApprove(input: $input) { notice { id version } errors { message } } }'

/** The preview's texts on a board, as [text, x, baseline, size], inside the slide's body area. */
async function boardTexts(page, board) {
  await page.locator(`[data-test=board-choice] [data-board="${board}"]`).click()
  const stage = page.locator(`.board-stage[data-board="${board}"]`)
  await stage.waitFor()
  const texts = await stage.locator('.board-text').evaluateAll((els) =>
    els.map((e) => [e.textContent, Number(e.dataset.x), Number(e.dataset.y), Number(e.dataset.size)]),
  )
  return inBody(texts, board)
}

function inBody(texts, board) {
  const [, top, , height] = CASES.layouts[board].body
  return texts.filter(([, , y]) => y > top && y < top + height)
}

/** What the kiosk drew there with Noto Sans CJK (recorded by its own renderer). */
function kioskTexts(item, board) {
  const frame = CASES.fontFrames.find((f) => f.item === item && f.board === board && f.page === 1)
  return inBody(frame.draws.filter((d) => d[0] === 'text').map((d) => [d[1], d[2], d[3], d[4]]), board)
}

/** The kiosk's QR code boxes on a board (its own renderer's), as [x, y, side]. */
function kioskCodes(item, board) {
  const frame = CASES.fontFrames.find((f) => f.item === item && f.board === board && f.page === 1)
  return frame.draws.filter((d) => d[0] === 'box').map((d) => [d[2], d[3], d[4]])
}

/** What zbarimg reads from a QR code drawn as the preview draws it, shown large on a page of its own. */
async function readBack(browser, svg) {
  const page = await browser.newPage()
  await page.setContent(`<body style="margin:0;background:#fff">${svg.replace('<svg', '<svg width="400" height="400"')}</body>`)
  const file = join(mkdtempSync(join(tmpdir(), 'qr-')), 'code.png')
  await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 440, height: 440 } })
  await page.close()
  return execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', file], { encoding: 'utf8' }).trim()
}

const listCount = async (page) => (await page.locator('[data-test=list-count]:visible').innerText()).trim()

await scenario('preview', async ({ browser, step, problems }) => {
  const desktop = await newContext(browser, DESKTOP, problems)
  const page = await desktop.newPage()

  await step('set-up through the API: an editor, a reviewer, a screen, a published notice and 120 drafts', async () => {
    const admin = await apiToken(ADMIN)
    const city = await call('{ city { districts { subdistricts { id name communities { id name } } } } }')
    const subdistricts = city.city.districts.flatMap((d) => d.subdistricts)
    const chezhan = subdistricts.find((s) => s.name === '车站街道')
    const gongsheng = chezhan.communities.find((c) => c.name === '工盛社区')
    const ACCOUNT = 'mutation($input: AccountCreateInput!) { accountCreate(input: $input) { account { id } errors { message } } }'
    await payload(ACCOUNT, { username: EDITOR[0], password: EDITOR[1], role: 'EDITOR', scope: gongsheng.id }, admin, 'accountCreate')
    await payload(ACCOUNT, { username: REVIEWER[0], password: REVIEWER[1], role: 'REVIEWER', scope: chezhan.id }, admin, 'accountCreate')
    const SCREEN = 'mutation($input: ScreenRegisterInput!) { screenRegister(input: $input) { token errors { message } } }'
    screenToken = (await payload(SCREEN, { community: gongsheng.id, kind: 'BULLETIN', name: '大厅东屏' }, admin, 'screenRegister')).token
    const editor = await apiToken(EDITOR)
    const reviewer = await apiToken(REVIEWER)
    const base = { scope: gongsheng.id, category: 'SERVICE' }
    const draft = (await payload(CREATE, { ...base, title: WATER[0], body: WATER[1] }, editor, 'noticeCreate')).notice
    const sent = (await payload(SUBMIT, { id: draft.id, version: draft.version }, editor, 'noticeSubmit')).notice
    await payload(APPROVE, { id: sent.id, version: sent.version }, reviewer, 'noticeApprove')
    const numbers = Array.from({ length: BATCH }, (_, i) => String(i + 1).padStart(3, '0'))
    for (let i = 0; i < numbers.length; i += 12) {
      await Promise.all(
        numbers.slice(i, i + 12).map((n) => payload(CREATE, { ...base, title: `批量通知${n}`, body: `第${n}条批量创建的通知。` }, editor, 'noticeCreate')),
      )
    }
  })

  await step('an editor types a long title: every board shows it whole, as the kiosk does, three lines on the portrait one', async () => {
    await page.goto(`${BASE}/console/`)
    await signIn(page, EDITOR)
    await page.goto(`${BASE}/console/notices/new`)
    await field(page, 'category').locator('.el-select').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: LONG.categoryLabel }).click()
    await field(page, 'title').locator('input').fill(LONG.title)
    await field(page, 'body').locator('textarea').fill(LONG.body)
    const note = page.locator('[data-test=preview-info]').filter({ hasText: '标题' })
    await note.waitFor()
    const text = await note.innerText()
    assert(text.includes('竖屏 1080×1920') && !text.includes('横屏'), `the note names the portrait board only: ${text}`)
    assert((await page.locator('[data-test=preview-warning]').count()) === 0, 'nothing is cut or lost: no warning')
    // On every board the preview breaks the title and the body where the kiosk does, at the kiosk's positions.
    for (const board of ['1920x1080', '1280x720', '1080x1920']) {
      const shown = await boardTexts(page, board)
      const kiosk = kioskTexts('notice-long-title', board)
      assert(JSON.stringify(shown) === JSON.stringify(kiosk), `${board}: the preview differs from the kiosk:\n${JSON.stringify(shown)}\n${JSON.stringify(kiosk)}`)
    }
    const title = (await boardTexts(page, '1080x1920')).filter(([, , , size]) => size === 68).map(([t]) => t)
    assert(title.length === 3 && title.join('') === LONG.title, `the portrait title is whole, on three lines: ${title}`)
    const fonts = await fontsOf(page, '.board-stage .board-text[data-size="68"]')
    assert(fonts.some((f) => CJK_FONT.test(f.familyName)), `the board's text is not in a CJK font: ${JSON.stringify(fonts)}`)
    await checkChinese(page, 'notice preview')
    await screenshot(page, 'desktop-notice-preview')
  })

  await step('an editor types an event: each board shows its QR code where the kiosk draws one, and it reads back', async () => {
    await page.goto(`${BASE}/console/events/new`)
    await field(page, 'title').locator('input').fill(QR_EVENT.title)
    await field(page, 'venue').locator('input').fill(QR_EVENT.venue)
    const wall = (iso) => iso.slice(0, 16).replace('T', ' ')
    await typeDateTime(page, field(page, 'startsAt'), wall(QR_EVENT.startsAt))
    await typeDateTime(page, field(page, 'endsAt'), wall(QR_EVENT.endsAt))
    if (QR_EVENT.largeScale) await page.locator('[data-test=large-scale-switch]').click()
    for (const board of ['1920x1080', '1280x720', '1080x1920']) {
      // The texts beside the code where the kiosk draws them (the code's column or place is kept for it) …
      const shown = await boardTexts(page, board)
      const kiosk = kioskTexts('event-qr', board)
      assert(JSON.stringify(shown) === JSON.stringify(kiosk), `${board}: the preview differs from the kiosk:\n${JSON.stringify(shown)}\n${JSON.stringify(kiosk)}`)
      // … and the code centred where the kiosk centres its own (a new event's stand-in address may be shorter).
      const codes = await page.locator(`.board-stage[data-board="${board}"] [data-test=board-qr]`).evaluateAll((els) =>
        els.map((e) => [Number(e.dataset.x), Number(e.dataset.y), Number(e.dataset.side), e.dataset.url, e.outerHTML]),
      )
      const [[kx, ky, kside]] = kioskCodes('event-qr', board)
      assert(codes.length === 1, `${board}: one code: ${codes.length}`)
      const [x, y, side, url, svg] = codes[0]
      assert(x + side / 2 === kx + kside / 2 && y + side / 2 === ky + kside / 2, `${board}: the code at ${[x, y, side]}, the kiosk's at ${[kx, ky, kside]}`)
      assert((await readBack(browser, svg)) === url, `${board}: the preview's code reads back as ${url}`)
    }
    await checkChinese(page, 'event preview with QR codes')
    await screenshot(page, 'desktop-event-preview-qr')
  })

  await step('the editor edits the published notice: a revision goes for review', async () => {
    await page.goto(`${BASE}/console/notices?q=${encodeURIComponent(WATER[0])}`)
    const row = page.locator('[data-test=notice-list]:visible tr', { hasText: WATER[0] })
    await row.getByRole('button', { name: '编辑' }).click()
    // The form fills itself from the published notice once loaded: edit after that.
    await page.waitForFunction((t) => document.querySelector('[data-field=title] input')?.value === t, WATER[0])
    await field(page, 'title').locator('input').fill(WATER_REVISED[0])
    await field(page, 'body').locator('textarea').fill(WATER_REVISED[1])
    await page.locator('[data-test=save-submit]').click()
    await page.waitForURL(/\/console\/notices/)
    await page.locator('.el-message--success').filter({ hasText: '已提交审核' }).waitFor()
    await signOut(page)
  })

  await step('the reviewer sees what the revision changed, the changed words marked', async () => {
    await signIn(page, REVIEWER)
    await page.goto(`${BASE}/console/review`)
    const card = page.locator('[data-test=review-list] .el-card', { hasText: WATER_REVISED[0] })
    await card.waitFor()
    const diff = card.locator('[data-test=revision-diff]')
    const added = await diff.locator('[data-diff-field=title] ins.diff-added').allInnerTexts()
    const removed = await diff.locator('[data-diff-field=title] del.diff-removed').allInnerTexts()
    assert(added.join('') === '周五' && removed.join('') === '周四', `title diff: +${added} -${removed}`)
    const bodyAdded = (await diff.locator('[data-diff-field=body] ins.diff-added').allInnerTexts()).join('')
    assert(bodyAdded.includes('周五') && bodyAdded.includes('大家'), `body diff: ${bodyAdded}`)
    const marked = await diff.locator('ins.diff-added').first().evaluate((e) => getComputedStyle(e).backgroundColor)
    assert(marked !== 'rgba(0, 0, 0, 0)', `added words are highlighted: ${marked}`)
    assert(!(await diff.innerText()).includes('优先级'), 'unchanged fields are not listed')
    await checkChinese(page, 'review with diff')
    await screenshot(page, 'desktop-review-diff')
  })

  await step('an urgent notice names the screens it interrupts; published at once, it reaches the screen', async () => {
    await page.goto(`${BASE}/console/notices/new`)
    await pickRegion(page, field(page, 'scope'), '工盛社区')
    await field(page, 'title').locator('input').fill(STORM)
    await field(page, 'body').locator('textarea').fill('请居民关好门窗，低洼处车辆及时转移。')
    await page.locator('[data-test=urgent-switch]').click()
    const box = page.locator('.el-message-box:visible')
    const asked = await box.innerText()
    assert(asked.includes('工盛社区') && asked.includes('共 1 块'), `the urgent confirmation names the screens: ${asked}`)
    await checkChinese(page, 'urgent confirmation')
    await box.getByRole('button', { name: '确定设为紧急' }).click()
    await page.locator('[data-test=urgent-hint]').filter({ hasText: '共 1 块' }).waitFor()
    await page.locator('[data-test=publish-urgent]').click()
    const publish = await page.locator('.el-message-box:visible').innerText()
    assert(publish.includes('不经审核') && publish.includes('共 1 块'), `publishing at once says so: ${publish}`)
    await screenshot(page, 'desktop-urgent-confirmation')
    await page.locator('.el-message-box:visible').getByRole('button', { name: '立即发布' }).click()
    await page.locator('.el-message--success').filter({ hasText: '紧急通知已发布' }).waitFor()
    const feed = await call('{ screenFeed { notices { title urgent } } }', {}, screenToken)
    const storm = feed.screenFeed.notices.find((n) => n.title === STORM)
    assert(storm && storm.urgent, `the screen's feed has the urgent notice: ${JSON.stringify(feed)}`)
    await signOut(page)
  })

  await step(`all ${BATCH}+ notices can be reached, and the filters hold while paging and coming back`, async () => {
    await signIn(page, EDITOR)
    await page.goto(`${BASE}/console/notices`)
    await settled(page)
    const total = Number((await listCount(page)).match(/共 (\d+) 条/)[1])
    assert(total >= BATCH + 2, `the total counts every notice: ${total}`)
    const rows = page.locator('[data-test=notice-list]:visible .el-table__body tbody tr')
    while (await page.locator('[data-test=load-more]').isVisible()) {
      const before = await rows.count()
      await page.locator('[data-test=load-more]').click()
      await page.waitForFunction((n) => document.querySelectorAll('[data-test=notice-list] .el-table__body tbody tr').length > n, before)
    }
    assert((await rows.count()) === total, `every notice is listed: ${await rows.count()} of ${total}`)
    const listed = await page.locator('[data-test=notice-list]:visible').innerText()
    assert(listed.includes('批量通知001') && listed.includes(`批量通知${BATCH}`) && listed.includes(STORM), 'the first and last are there')
    await checkChinese(page, 'long list')
    await screenshot(page, 'desktop-notices-all')
    await page.locator('[data-test=status-filter]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '草稿' }).click()
    await page.waitForFunction((n) => document.querySelector('[data-test=list-count]')?.textContent?.includes(`共 ${n} 条`), BATCH)
    await page.getByPlaceholder('搜索标题或正文').fill('通知11')
    await page.waitForFunction(() => document.querySelector('[data-test=list-count]')?.textContent?.includes('共 10 条'))
    await page.waitForURL(/q=/)
    await page.locator('[data-test=notice-list]:visible tr', { hasText: '批量通知115' }).getByRole('button', { name: '编辑' }).click()
    await field(page, 'title').waitFor()
    await page.goBack()
    await page.waitForFunction(() => document.querySelector('[data-test=list-count]')?.textContent?.includes('共 10 条'))
    assert((await page.getByPlaceholder('搜索标题或正文').inputValue()) === '通知11', 'the search is kept')
    assert((await page.locator('[data-test=status-filter]').innerText()).includes('草稿'), 'the status is kept')
  })

  const phone = await newContext(browser, PHONE, problems)
  const mobile = await phone.newPage()

  await step('on a phone: the long list pages, the preview warns, the reviewer reads the diff', async () => {
    await mobile.goto(`${BASE}/console/`)
    await signIn(mobile, EDITOR)
    await mobile.goto(`${BASE}/console/notices`)
    await mobile.locator('[data-test=load-more]').scrollIntoViewIfNeeded()
    await checkChinese(mobile, 'phone long list')
    await screenshot(mobile, 'phone-notices-paged')
    await mobile.goto(`${BASE}/console/notices/new`)
    // A character no screen font has (from a phone's private-use input): the editor is warned at the field.
    await field(mobile, 'title').locator('input').fill(`${LONG.title.slice(0, 20)}\u{E000}`)
    const lost = await mobile.locator('[data-test=title-preview-warning]').innerText()
    assert(lost.includes('〓'), `the warning says it shows as 〓: ${lost}`)
    await mobile.locator('[data-test=board-choice] [data-board="1080x1920"]').click()
    await mobile.locator('.board-stage[data-board="1080x1920"]').scrollIntoViewIfNeeded()
    await checkChinese(mobile, 'phone preview')
    await screenshot(mobile, 'phone-notice-preview')
    await signOut(mobile)
    await signIn(mobile, REVIEWER)
    await mobile.goto(`${BASE}/console/review`)
    await mobile.locator('[data-test=revision-diff]').first().waitFor()
    await checkChinese(mobile, 'phone review diff')
    await screenshot(mobile, 'phone-review-diff')
  })
})
