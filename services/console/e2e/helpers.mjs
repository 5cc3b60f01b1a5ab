// Browser plumbing for the console's end-to-end walkthrough: Debian's chromium
// driven by playwright-core (no browser download), checks that every page is
// Chinese and drawn with a CJK font, and screenshots of the main pages.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

export const BASE = requireEnv('QILE_E2E_BASE_URL')
const CHROMIUM = requireEnv('QILE_E2E_CHROMIUM')
const SHOTS = requireEnv('QILE_E2E_SCREENSHOTS')

export const DESKTOP = { viewport: { width: 1366, height: 768 } }
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

function requireEnv(name) {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

/**
 * Debian's chromium. `camera`: a .y4m file the browser films instead of a
 * camera, with the camera allowed without asking (e2e/scan.mjs); otherwise
 * the browser has no camera at all.
 */
export async function launch({ camera = null } = {}) {
  mkdirSync(SHOTS, { recursive: true })
  // As root (CI, this machine) Chromium needs --no-sandbox.
  const args = ['--no-sandbox', '--disable-dev-shm-usage']
  if (camera) {
    args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${camera}`)
  }
  return chromium.launch({ executablePath: CHROMIUM, args })
}

/**
 * A browser context as a worker in Zibo would have it, except its clock zone:
 * New York, so that a picker mistaking the browser's zone for the city's shows.
 * Every page it opens is watched for script errors, CSP violations and requests
 * to any host but the API's.
 */
export async function newContext(browser, device, problems) {
  const context = await browser.newContext({ ...device, locale: 'zh-CN', timezoneId: 'America/New_York' })
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)
    })
  })
  context.on('page', (page) => watch(page, problems))
  return context
}

const inflight = new WeakMap()

function watch(page, problems) {
  inflight.set(page, 0)
  const done = () => inflight.set(page, inflight.get(page) - 1)
  page.on('request', () => inflight.set(page, inflight.get(page) + 1))
  page.on('requestfinished', done)
  page.on('requestfailed', done)
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !problems.expectingNetworkFailure) problems.push(`console error: ${msg.text()}`)
  })
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`)
  })
  page.on('request', (req) => {
    const url = req.url()
    // The console names itself on every API request (GraphiQL, a developer's tool, does not).
    if (url === `${BASE}/graphql` && page.url().startsWith(`${BASE}/console/`)) {
      problems.consoleRequests = (problems.consoleRequests ?? 0) + 1
      if (req.headers()['x-qile-client'] !== 'console') {
        problems.push(`a console request without X-Qile-Client: ${req.postData()?.slice(0, 80)}`)
      }
    }
    if (!url.startsWith(BASE) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`request to another host: ${url}`)
    }
  })
}

/**
 * Wait until the page has drawn its data: no request in flight for a moment
 * and no loading mask. (`networkidle` fires once per navigation, and the
 * console moves between pages without navigating.)
 */
export async function settled(page) {
  let quietSince = Date.now()
  const deadline = Date.now() + 15000
  while (Date.now() < deadline) {
    if ((inflight.get(page) ?? 0) > 0) quietSince = Date.now()
    else if (Date.now() - quietSince >= 300) break
    await page.waitForTimeout(50)
  }
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask'), null, { timeout: 15000 })
  await page.waitForTimeout(250) // let transitions finish
}

export async function screenshot(page, name) {
  await settled(page)
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

// Words a Chinese page may show in Latin letters: usernames, the zone's name,
// and the Enter key that Element Plus's own Chinese names ("使用方向键与 Enter 键…").
const ALLOWED_LATIN = new Set(
  'admin gongsheng editor chezhan reviewer Asia Shanghai Enter'.split(' ').map((w) => w.toLowerCase()),
)

/** Latin words on the page (text, placeholders, labels) that are not allowed: untranslated UI. */
export async function untranslated(page) {
  const texts = await page.evaluate(() => {
    const out = [document.body.innerText]
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      for (const attr of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(attr)
        if (v) out.push(v)
      }
    }
    return out.join('\n')
  })
  const words = texts.match(/[A-Za-z]{2,}/g) ?? []
  return [...new Set(words.filter((w) => !ALLOWED_LATIN.has(w.toLowerCase())))]
}

/**
 * The fonts Chromium actually drew `selector`'s text with: a CJK font must be
 * among them, or the Chinese would be boxes (tofu).
 */
export async function fontsOf(page, selector) {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 })
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })
    if (!nodeId) throw new Error(`no element ${selector}`)
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    return fonts
  } finally {
    await cdp.detach()
  }
}

export const CJK_FONT = /CJK|Han Sans|Han Serif|WenQuanYi|Droid Sans Fallback|Hei|Ming|Song|Kai|PingFang|YaHei/i

/** Choose a region in the cascader inside `scope` (a form item) by typing its name. */
export async function pickRegion(page, scope, name) {
  const input = scope.locator('.el-cascader input')
  await input.click()
  await input.fill(name)
  const suggestion = page
    .locator('.el-cascader__suggestion-item:visible')
    .filter({ hasText: new RegExp(`${name}$`) })
    .first()
  await suggestion.click()
}

/** Type a wall time into an Element Plus date-time picker and confirm it. */
export async function typeDateTime(page, scope, wall) {
  const input = scope.locator('.el-date-editor input')
  await input.click()
  await input.fill(wall)
  await input.press('Enter')
  await page.keyboard.press('Escape').catch(() => undefined)
}

/** Zibo's wall time `hours` from now, "YYYY-MM-DD HH:mm". */
export function cityWall(hoursFromNow) {
  const d = new Date(Date.now() + hoursFromNow * 3600_000 + 8 * 3600_000)
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}

/** A GraphQL call outside the browser, as a screen or a script makes it. */
export async function graphql(query, variables = {}, token = null) {
  const headers = { 'content-type': 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  const response = await fetch(`${BASE}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) })
  return response.json()
}

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { token errors { message } } }'
const CITY = '{ city { districts { name id subdistricts { name id communities { id name } } } } }'
const ACCOUNT = 'mutation($input: AccountCreateInput!) { accountCreate(input: $input) { errors { field message } } }'

/** A staff token, signed in through the API. */
export async function login([username, password]) {
  const answer = await graphql(LOGIN, { input: { username, password } })
  const token = answer.data?.login.token
  assert(token, `login ${username}: ${JSON.stringify(answer)}`)
  return token
}

/** A mutation that must succeed: its payload, with no errors. */
export async function mutate(doc, input, token) {
  const answer = await graphql(doc, { input }, token)
  const payload = answer.data && Object.values(answer.data)[0]
  assert(payload && payload.errors.length === 0, `${doc.slice(0, 40)}: ${JSON.stringify(answer)}`)
  return payload
}

/** As an admin, through the API: an account with this role and scope (a region's global ID). */
export async function createStaff(adminToken, [username, password], role, scope) {
  await mutate(ACCOUNT, { username, password, role, scope }, adminToken)
}

/** Every region's global ID by its Chinese name (districts, subdistricts, communities). */
export async function regionIds() {
  const city = (await graphql(CITY)).data.city
  const ids = {}
  for (const d of city.districts) {
    ids[d.name] = d.id
    for (const s of d.subdistricts) {
      ids[s.name] = s.id
      for (const c of s.communities) ids[c.name] = c.id
    }
  }
  return ids
}

export function assert(condition, message) {
  if (!condition) throw new Error(message)
}
