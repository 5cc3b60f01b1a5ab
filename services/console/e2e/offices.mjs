// City and district offices in the console: a community's assessment for a
// year, the pilot programme's charts, and the assessment spreadsheet, as a
// district office (张店区) and as the city administrator see them. What the
// pages show is checked against the API's own answers; the charts against
// their pixels and the fonts Chromium drew their labels with; the download
// byte for byte against the API's CSV; the workbook and the month's progress
// against the API's answers; an import of facilities from a filled workbook
// (written by the test, QILE_E2E_WORKBOOKS) through a trial run to the saved records.
// Run by tests/console/test_offices.py against an API over the demo data
// (tests/console's fresh database plus `seed_demo`).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BASE, CJK_FONT, DESKTOP, PHONE, assert, fontsOf, graphql, newContext, pickRegion, screenshot, settled } from './helpers.mjs'
import { checkChinese, field, scenario, signIn, signOut } from './scenario.mjs'

const ADMIN = ['admin', 'qile-demo-2024']
const OFFICE = ['zhangdian.office', 'zhangdian-office-pw']
const OFFICE_NAME = '张店区文明办'
// The demo seeds this year's records (Zibo's year: the browser runs in New York).
const YEAR = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()))
const BOM = [0xef, 0xbb, 0xbf]
// Workbooks filled in as an office would (tests/console/test_offices.py writes them).
const WORKBOOKS = process.env.QILE_E2E_WORKBOOKS
const ZIP = [0x50, 0x4b, 0x03, 0x04]
// The three statuses' colours in the charts (lib/assessment.ts).
const STATUS_COLOURS = { 达标: [0x67, 0xc2, 0x3a], 未达标: [0xf5, 0x6c, 0x6c], 数据不足: [0xb1, 0xb3, 0xb8] }

const LOGIN = `mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token errors { message } } }`
const DISTRICT_AND_COMMUNITIES = `{
  districts { id name }
  communities(first: 100, filter: {pilot: true}) { nodes { id name } }
}`
const CREATE_ACCOUNT = `mutation($input: AccountCreateInput!) { accountCreate(input: $input) { account { id } errors { message } } }`
const ASSESSMENT = `query($community: ID!, $year: Int!) {
  assessment(community: $community, year: $year) {
    counts { met notMet unknown }
    parts { criteria { key measured threshold unit statusLabel evidence { label } } }
  }
}`
const PROGRAMME = `query($year: Int!) {
  pilotProgramme(year: $year) {
    counts { met notMet unknown }
    themes { theme { name } }
    districts { district { name } }
  }
}`

const HISTORY = `query { assessmentHistory(pilot: true, months: 12) { month closing communities counts { met notMet unknown } } }`
const FACILITIES = `query($community: ID!) { node(id: $community) { ... on Community { facilities { name kind indoorAreaM2 freeOfCharge } } } }`

async function token([username, password]) {
  const answer = await graphql(LOGIN, { u: username, p: password })
  const t = answer.data?.login?.token
  assert(t, `login ${username}: ${JSON.stringify(answer)}`)
  return t
}

async function apiCsv(query, bearer) {
  const response = await fetch(`${BASE}/reports/assessment.csv?${new URLSearchParams(query)}`, {
    headers: { authorization: `Bearer ${bearer}` },
  })
  assert(response.ok, `the API's CSV: HTTP ${response.status}`)
  return Buffer.from(await response.arrayBuffer())
}

/** A number as the console shows it (as the API's CSV does): whole, or to one decimal. */
const shown = (n) => String(Number.isInteger(n) ? n : Math.round(n * 10) / 10)

/** Every criterion on the page: its status, measured value, threshold and evidence as shown. */
async function criteriaShown(page) {
  return page.evaluate(() => {
    const out = {}
    for (const marker of document.querySelectorAll('[data-criterion]')) {
      const row = marker.closest('tr, .criterion-card')
      if (!row || !row.checkVisibility()) continue
      const text = (sel) => row.querySelector(`[data-test=${sel}]`)?.textContent.trim() ?? null
      out[marker.dataset.criterion] = {
        status: text('criterion-status'),
        measured: text('criterion-measured'),
        threshold: text('criterion-threshold'),
        evidence: [...row.querySelectorAll('[data-test=criterion-evidence] li')].map((li) => li.textContent.trim()),
      }
    }
    return out
  })
}

/** The page shows every criterion of the API's assessment, each as the API judged it. */
async function checkAssessment(page, communityId, bearer) {
  const answer = await graphql(ASSESSMENT, { community: communityId, year: YEAR }, bearer)
  assert(answer.data, `assessment: ${JSON.stringify(answer.errors)}`)
  const expected = answer.data.assessment.parts.flatMap((p) => p.criteria)
  const seen = await criteriaShown(page)
  assert(Object.keys(seen).length === expected.length, `${Object.keys(seen).length} criteria shown, the API has ${expected.length}`)
  for (const c of expected) {
    const row = seen[c.key]
    assert(row, `criterion ${c.key} not shown`)
    assert(row.status === c.statusLabel, `${c.key}: shown ${row.status}, the API says ${c.statusLabel}`)
    if (c.threshold === null) {
      assert(row.threshold === '人工核定' && row.measured === '—', `${c.key} (attested): ${JSON.stringify(row)}`)
    } else {
      assert(row.threshold === `≥ ${shown(c.threshold)}${c.unit === '%' ? '%' : ` ${c.unit}`}`, `${c.key} threshold: ${row.threshold} vs ${c.threshold}`)
      const measured = c.measured === null ? '—' : `${shown(c.measured)}${c.unit === '%' ? '%' : ` ${c.unit}`}`
      assert(row.measured === measured, `${c.key} measured: shown ${row.measured}, the API says ${c.measured}`)
    }
    assert(JSON.stringify(row.evidence) === JSON.stringify(c.evidence.map((e) => e.label)), `${c.key} evidence: ${row.evidence}`)
  }
  return { criteria: Object.fromEntries(expected.map((c) => [c.key, c])), seen, counts: answer.data.assessment.counts }
}

/** Open the assessment page from the menu and pick a community and this year. */
async function openAssessment(page, community) {
  await page.locator('.el-menu-item:visible', { hasText: '社区评估' }).click()
  await page.waitForURL(/\/console\/assessment/)
  await pickRegion(page, field(page, 'community'), community)
  await page.locator('[data-test=assessment-summary]').filter({ hasText: community }).waitFor()
  await settled(page)
}

/**
 * A chart as drawn: an SVG with text, how many of its pixels are not white,
 * which status colours appear, and the fonts that drew a Chinese label.
 */
async function chartDrawn(page, testId) {
  const chart = page.locator(`[data-test=${testId}]`)
  await chart.locator('svg text').first().waitFor()
  const labels = await chart.locator('svg text').allTextContents()
  const png = await chart.screenshot()
  const pixels = await page.evaluate(async ([data, colours]) => {
    const img = new Image()
    img.src = `data:image/png;base64,${data}`
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = img.width
    canvas.height = img.height
    const ctx = canvas.getContext('2d')
    ctx.drawImage(img, 0, 0)
    const { data: px } = ctx.getImageData(0, 0, img.width, img.height)
    let ink = 0
    const found = Object.fromEntries(Object.keys(colours).map((k) => [k, 0]))
    for (let i = 0; i < px.length; i += 4) {
      if (px[i] < 245 || px[i + 1] < 245 || px[i + 2] < 245) ink++
      for (const [name, [r, g, b]] of Object.entries(colours)) {
        if (Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b) < 12) found[name]++
      }
    }
    return { ink, total: px.length / 4, found }
  }, [png.toString('base64'), STATUS_COLOURS])
  // Mark a label in Chinese so that Chromium can say which font drew it.
  const marked = await chart.evaluate((el, id) => {
    const text = [...el.querySelectorAll('svg text')].find((t) => /[\u4e00-\u9fff]/.test(t.textContent))
    text?.setAttribute('data-font-probe', id)
    return !!text
  }, testId)
  assert(marked, `${testId}: no Chinese label`)
  const fonts = await fontsOf(page, `[data-font-probe=${testId}]`)
  return { labels, ...pixels, fonts }
}

/**
 * Hovering a bar shows its counts. ECharts' HTML tooltip would colour its
 * markers with style= attributes, which the CSP blocks (a console error, so
 * the scenario fails): the chart draws its tooltip itself.
 */
async function tooltipShown(page, testId, category) {
  const box = await page.locator(`[data-test=${testId}] svg`).boundingBox()
  // The first bar lies just under the legend, across the middle of the chart.
  await page.mouse.move(box.x + box.width * 0.6, box.y + 60)
  await page.waitForFunction(
    ([sel, name]) => [...document.querySelectorAll(sel)].filter((t) => t.textContent.includes(name)).length >= 2,
    [`[data-test=${testId}] svg text`, category],
    { timeout: 5000 },
  )
  await page.mouse.move(0, 0)
}

function checkChart(drawn, { name, labels, colours }) {
  assert(drawn.ink > drawn.total * 0.03, `${name}: ${drawn.ink} of ${drawn.total} pixels drawn`)
  for (const label of labels) assert(drawn.labels.some((l) => l.includes(label)), `${name}: no label ${label} in ${drawn.labels}`)
  for (const colour of colours) assert(drawn.found[colour] > 50, `${name}: no ${colour} bars (${JSON.stringify(drawn.found)})`)
  assert(drawn.fonts.some((f) => CJK_FONT.test(f.familyName)), `${name}: no CJK font drew the labels: ${JSON.stringify(drawn.fonts)}`)
}

/** Click a download button (the CSV's unless said); the saved file's name and bytes. */
async function downloadCsv(page, button = 'csv-download') {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-test=${button}]`).click()])
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) }
}

/** Upload a workbook on the imports page and press 试运行 or 导入: the summary and the problems listed. */
async function importWorkbook(page, file, button) {
  await page.locator('[data-test=import-file]').setInputFiles(join(WORKBOOKS, file))
  await page.locator('[data-test=import-file-name]', { hasText: file }).waitFor()
  await page.locator(`[data-test=${button}]`).click()
  const summary = page.locator('[data-test=import-summary]')
  await summary.waitFor()
  await settled(page)
  const problems = await page.locator('[data-test=import-problems] .el-table__body tr').evaluateAll((rows) =>
    rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
  )
  return { summary: (await summary.innerText()).trim(), problems }
}

function checkCsv(file, expected, name) {
  assert(file.name === name, `file name: ${file.name}, expected ${name}`)
  assert(file.bytes.equals(expected), `the download differs from the API's CSV (${file.bytes.length} vs ${expected.length} bytes)`)
  assert(BOM.every((b, i) => file.bytes[i] === b), 'the CSV starts without a byte order mark')
  const header = file.bytes.subarray(3).toString('utf8').split('\r\n')[0]
  assert(header.startsWith('区县,街道/镇,社区,试点编号,主题,年度'), `CSV header: ${header}`)
}

const ids = {}
let officeToken = null
let adminToken = null

await scenario('offices', async ({ browser, step, problems }) => {
  await step('the city admin gives 张店区 an office account (through the API)', async () => {
    adminToken = await token(ADMIN)
    const found = await graphql(DISTRICT_AND_COMMUNITIES, {}, adminToken)
    for (const d of found.data.districts) ids[d.name] = d.id
    for (const c of found.data.communities.nodes) ids[c.name] = c.id
    const created = await graphql(
      CREATE_ACCOUNT,
      { input: { username: OFFICE[0], password: OFFICE[1], role: 'REVIEWER', scope: ids['张店区'], displayName: OFFICE_NAME } },
      adminToken,
    )
    assert(created.data?.accountCreate?.errors?.length === 0, `accountCreate: ${JSON.stringify(created)}`)
    officeToken = await token(OFFICE)
  })

  const desktop = await newContext(browser, DESKTOP, problems)
  const page = await desktop.newPage()

  await step('the district office opens 工盛社区’s assessment: every criterion as the API judged it', async () => {
    await page.goto(`${BASE}/console/`)
    await signIn(page, OFFICE)
    await openAssessment(page, '工盛社区')
    const { criteria, seen, counts } = await checkAssessment(page, ids['工盛社区'], officeToken)
    // The demo's 工盛社区: a station of 320 m² (the standard asks 300), squares of 800 m² (it asks 1000).
    assert(criteria['facilities.station_area'].measured === 320, 'demo data: station area')
    const station = seen['facilities.station_area']
    assert(station.status === '达标' && station.measured === '320 平方米' && station.threshold === '≥ 300 平方米', JSON.stringify(station))
    assert(seen['facilities.outdoor_squares'].status === '未达标', 'outdoor squares short of 1000 m²')
    assert(counts.met > 0 && counts.notMet > 0 && counts.unknown > 0, `a mix of statuses: ${JSON.stringify(counts)}`)
    const summary = await page.locator('[data-test=assessment-summary]').innerText()
    assert(summary.includes(`达标 ${counts.met}`) && summary.includes(`数据不足 ${counts.unknown}`), summary)
    await checkChinese(page, 'assessment')
    await screenshot(page, 'desktop-assessment')
  })

  await step('a community outside 张店区 cannot be picked by the district office', async () => {
    const input = field(page, 'community').locator('.el-cascader input')
    await input.click()
    await input.fill('正齐社区')
    await page.locator('.el-cascader__empty-text:visible, .el-cascader__suggestion-list:visible').first().waitFor()
    const offered = await page.locator('.el-cascader__suggestion-item:visible').count()
    assert(offered === 0, `正齐社区 (临淄区) offered ${offered} times`)
    await page.keyboard.press('Escape')
  })

  await step('the programme page draws its charts (SVG, status colours, a CJK font) for 张店区’s pilots', async () => {
    await page.locator('.el-menu-item:visible', { hasText: '试点进展' }).click()
    await page.waitForURL(/\/console\/programme/)
    await page.locator('[data-test=programme-summary]').waitFor()
    await settled(page)
    const api = (await graphql(PROGRAMME, { year: YEAR }, officeToken)).data.pilotProgramme
    assert(api.districts.map((d) => d.district.name).join() === '张店区', `the office's districts: ${JSON.stringify(api.districts)}`)
    const themes = await chartDrawn(page, 'theme-chart')
    checkChart(themes, { name: 'theme chart', labels: api.themes.map((t) => t.theme.name), colours: ['达标', '数据不足'] })
    await tooltipShown(page, 'theme-chart', api.themes[0].theme.name)
    const districts = await chartDrawn(page, 'district-chart')
    checkChart(districts, { name: 'district chart', labels: ['张店区', '达标', '未达标', '数据不足'], colours: ['达标', '未达标', '数据不足'] })
    assert(!districts.labels.some((l) => l.includes('临淄区')), 'another district in the office’s chart')
    const summary = await page.locator('[data-test=programme-summary]').innerText()
    assert(summary.includes(`达标 ${api.counts.met}`) && summary.includes(`未达标 ${api.counts.notMet}`), summary)
    const pilots = await page.locator('[data-test=pilot-list]').innerText()
    for (const name of ['工盛社区', '齐悦国际社区', '柳毅社区', '城南社区']) assert(pilots.includes(name), `pilot ${name} missing`)
    await checkChinese(page, 'programme')
    await screenshot(page, 'desktop-programme')
  })

  await step('the district office downloads 张店区’s spreadsheet: the API’s CSV byte for byte, named in Chinese', async () => {
    const file = await downloadCsv(page)
    checkCsv(file, await apiCsv({ year: YEAR, district: '张店区' }, officeToken), `城市文化社区评估-${YEAR}-张店区.csv`)
  })

  await step('the district office downloads the workbook and records this month’s progress, shown as the API keeps it', async () => {
    const workbook = await downloadCsv(page, 'xlsx-download')
    assert(workbook.name === `城市文化社区评估-${YEAR}-张店区.xlsx`, `workbook name: ${workbook.name}`)
    assert(ZIP.every((b, i) => workbook.bytes[i] === b), 'the workbook is no .xlsx (zip)')
    const history = page.locator('[data-test=assessment-history]')
    await history.locator('.el-empty').waitFor()
    await page.locator('[data-test=history-take]').click()
    await history.locator('[data-test=history-table] .el-table__body tr').first().waitFor()
    await settled(page)
    const api = (await graphql(HISTORY, {}, officeToken)).data.assessmentHistory
    assert(api.length === 1 && !api[0].closing, `the API's history: ${JSON.stringify(api)}`)
    const [month] = api
    const cells = await history.locator('.el-table__body tr td').allInnerTexts()
    const [year, m] = month.month.split('-')
    assert(cells[0] === `${year}年${Number(m)}月`, `month shown: ${cells[0]}`)
    const expected = [month.communities, month.counts.met, month.counts.notMet, month.counts.unknown].map(String)
    assert(JSON.stringify(cells.slice(1, 5)) === JSON.stringify(expected), `counts shown ${cells.slice(1, 5)}, the API has ${expected}`)
    assert(cells[6].startsWith('本月至今'), `a month so far: ${cells[6]}`)
    // The downloads' notices name the files (.csv, .xlsx): they go after three seconds.
    await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 10_000 })
    await checkChinese(page, 'programme with history')
    await screenshot(page, 'desktop-programme-history')
  })

  await step('a pilot in the programme links to its assessment', async () => {
    await page.locator('[data-test=pilot-link]', { hasText: '柳毅社区' }).click()
    await page.waitForURL(/\/console\/assessment\?community=/)
    await page.locator('[data-test=assessment-summary]').filter({ hasText: '柳毅社区' }).waitFor()
    await settled(page)
    await checkAssessment(page, ids['柳毅社区'], officeToken)
  })

  await step('the district office imports facilities: the template, a trial run listing each problem, nothing saved, then the import', async () => {
    await page.locator('.el-menu-item:visible', { hasText: '表格导入' }).click()
    await page.waitForURL(/\/console\/imports/)
    await checkChinese(page, 'imports')
    const template = await downloadCsv(page, 'template-download')
    assert(template.name === '设施导入模板.xlsx', `template name: ${template.name}`)
    assert(ZIP.every((b, i) => template.bytes[i] === b), 'the template is no .xlsx (zip)')
    const before = (await graphql(FACILITIES, { community: ids['工盛社区'] }, officeToken)).data.node.facilities

    const refused = await importWorkbook(page, '设施-有误.xlsx', 'import-dry-run')
    assert(refused.summary.includes('发现2处问题，未导入任何数据'), refused.summary)
    const listed = refused.problems.map((cells) => cells.join(' | '))
    assert(listed.some((l) => l.startsWith('第3行 | 设施类型 | “游泳馆”不在可选项中')), `problems: ${listed}`)
    assert(listed.some((l) => l.startsWith('第4行 | 社区 | ') && l.includes('正齐社区')), `problems: ${listed}`)
    await screenshot(page, 'desktop-import-problems')

    const trial = await importWorkbook(page, '设施.xlsx', 'import-dry-run')
    assert(trial.summary.startsWith('试运行通过：共1行，将新建1条'), trial.summary)
    const during = (await graphql(FACILITIES, { community: ids['工盛社区'] }, officeToken)).data.node.facilities
    assert(during.length === before.length, 'a trial run saved something')
    await page.locator('[data-test=import-commit]').click()
    await page.locator('[data-test=import-summary]', { hasText: '导入成功' }).waitFor()
    const summary = (await page.locator('[data-test=import-summary]').innerText()).trim()
    assert(summary.startsWith('导入成功：共1行，新建1条'), summary)
    const after = (await graphql(FACILITIES, { community: ids['工盛社区'] }, officeToken)).data.node.facilities
    const added = after.filter((f) => !before.some((b) => b.name === f.name))
    assert(
      JSON.stringify(added) === JSON.stringify([{ name: '工盛社区百姓书屋', kind: 'READING_ROOM', indoorAreaM2: 120, freeOfCharge: true }]),
      `facilities added: ${JSON.stringify(added)}`,
    )
  })

  await step('on a phone: the assessment as cards, the charts within the screen', async () => {
    const phone = await newContext(browser, PHONE, problems)
    const mobile = await phone.newPage()
    await mobile.goto(`${BASE}/console/programme`)
    await signIn(mobile, OFFICE)
    await mobile.waitForURL(/\/console\/programme/)
    await mobile.locator('[data-test=programme-summary]').waitFor()
    await settled(mobile)
    const chart = await mobile.locator('[data-test=district-chart] svg').boundingBox()
    assert(chart && chart.width <= 390 && chart.width > 250, `chart width on a phone: ${chart?.width}`)
    checkChart(await chartDrawn(mobile, 'district-chart'), { name: 'phone chart', labels: ['张店区'], colours: ['达标', '未达标'] })
    await checkChinese(mobile, 'phone programme')
    await screenshot(mobile, 'phone-programme')
    await mobile.locator('[data-test=menu-toggle]').click()
    await openAssessment(mobile, '工盛社区')
    assert(await mobile.locator('.criterion-card').first().isVisible(), 'criteria as cards on a phone')
    await checkAssessment(mobile, ids['工盛社区'], officeToken)
    const width = await mobile.evaluate(() => document.documentElement.scrollWidth)
    assert(width <= 390, `the assessment scrolls sideways on a phone: ${width}px`)
    await checkChinese(mobile, 'phone assessment')
    await screenshot(mobile, 'phone-assessment')
    await phone.close()
  })

  await step('the city admin sees any community’s assessment and every district’s pilots', async () => {
    await signOut(page)
    await signIn(page, ADMIN)
    await openAssessment(page, '正齐社区')
    await checkAssessment(page, ids['正齐社区'], adminToken)
    await checkChinese(page, 'admin assessment')
    await page.locator('.el-menu-item:visible', { hasText: '试点进展' }).click()
    await page.locator('[data-test=programme-summary]').waitFor()
    await settled(page)
    const api = (await graphql(PROGRAMME, { year: YEAR }, adminToken)).data.pilotProgramme
    const names = api.districts.map((d) => d.district.name)
    assert(names.length === 10, `the city's districts with pilots: ${names}`)
    checkChart(await chartDrawn(page, 'district-chart'), { name: 'city chart', labels: names, colours: ['达标', '未达标', '数据不足'] })
    await checkChinese(page, 'admin programme')
    await screenshot(page, 'desktop-programme-admin')
  })

  await step('the city admin downloads the city’s spreadsheet and 临淄区’s: each the API’s CSV', async () => {
    checkCsv(await downloadCsv(page), await apiCsv({ year: YEAR }, adminToken), `城市文化社区评估-${YEAR}-淄博市.csv`)
    await page.locator('[data-test=csv-region]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '临淄区' }).click()
    checkCsv(await downloadCsv(page), await apiCsv({ year: YEAR, district: '临淄区' }, adminToken), `城市文化社区评估-${YEAR}-临淄区.csv`)
  })
})
