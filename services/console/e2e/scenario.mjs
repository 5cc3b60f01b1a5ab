// One end-to-end scenario: a browser, numbered steps, and the checks every
// scenario makes (no script error, no CSP violation, no foreign host, no
// untranslated word), plus the page actions every scenario shares.
// tests/console/ runs each scenario file against its own API and database and
// expects its closing line: "<name>: all N steps passed".
import { BASE, assert, launch, pickRegion, screenshot, settled, untranslated } from './helpers.mjs'

/**
 * Run `body({ browser, step, problems })`; on failure, screenshot every open
 * page as failure-<name>-<i> and exit non-zero.
 */
export async function scenario(name, body) {
  const problems = []
  const steps = []
  async function step(title, run) {
    const started = Date.now()
    await run()
    steps.push(title)
    console.log(`ok ${steps.length} - ${title} (${Date.now() - started} ms)`)
  }
  const browser = await launch()
  try {
    await body({ browser, step, problems })
    assert(problems.length === 0, `problems while browsing:\n${problems.join('\n')}`)
    console.log(`${problems.consoleRequests ?? 0} console requests, each with X-Qile-Client: console`)
    console.log(`${name}: all ${steps.length} steps passed`)
  } catch (error) {
    console.error(`not ok ${steps.length + 1} - ${error.stack ?? error}`)
    if (problems.length) console.error(`problems while browsing:\n${problems.join('\n')}`)
    for (const context of browser.contexts()) {
      for (const [i, p] of context.pages().entries()) {
        await screenshot(p, `failure-${name}-${i}`).catch(() => undefined)
      }
    }
    process.exitCode = 1
  } finally {
    await browser.close()
  }
}

// The accounts of every scenario: the admin bootstrapped by tests/console/conftest.py,
// and the editor of 工盛社区 and the reviewer of 车站街道 a scenario creates.
export const ADMIN = ['admin', 'qile-demo-2024']
export const EDITOR = ['gongsheng.editor', 'gongsheng-editor-pw']
export const REVIEWER = ['chezhan.reviewer', 'chezhan-reviewer-pw']

/** Open a page from the menu, as a user would: the side menu, or on a phone the drawer. */
export async function openFromMenu(page, label, url) {
  if (page.viewportSize().width < 768) {
    await page.locator('[data-test=menu-toggle]').click()
    await page.locator('.el-drawer .el-menu-item', { hasText: label }).click()
  } else {
    await page.locator('.el-menu-item:visible', { hasText: label }).click()
  }
  await page.waitForURL(url)
}

/** A form item of the console, by its `data-field`. */
export function field(page, name) {
  return page.locator(`[data-field="${name}"]:visible`).first()
}

/** The error Element Plus shows under a form item. */
export async function fieldError(page, name) {
  const error = field(page, name).locator('.el-form-item__error')
  await error.waitFor({ timeout: 5000 })
  return (await error.innerText()).trim()
}

export async function submitSignIn(page, [username, password]) {
  await page.getByPlaceholder('请输入用户名').fill(username)
  await page.getByPlaceholder('请输入密码').fill(password)
  await page.locator('[data-test=login-submit]').click()
}

export async function signIn(page, credentials) {
  await submitSignIn(page, credentials)
  await page.waitForURL((url) => !url.pathname.startsWith('/console/login'))
}

export async function signOut(page) {
  await page.locator('[data-test=user-menu]').click()
  await page.locator('[data-test=sign-out]:visible').click()
  await page.waitForURL(/\/console\/login/)
}

export async function checkChinese(page, where) {
  const latin = await untranslated(page)
  assert(latin.length === 0, `${where}: untranslated words on the page: ${latin.join(', ')}`)
}

/** As an admin on the accounts page: create an account with a role and a scope. */
export async function createAccount(page, username, password, roleLabel, region) {
  await page.locator('[data-test=new-account]').click()
  const dialog = page.locator('.el-dialog:visible')
  await field(dialog, 'username').locator('input').fill(username)
  await field(dialog, 'password').locator('input').fill(password)
  await dialog.locator('.el-radio', { hasText: roleLabel }).click()
  await pickRegion(page, field(dialog, 'scope'), region)
  await dialog.locator('[data-test=account-save]').click()
}

/** The list's text once loaded (its loading mask gone). */
export async function listText(page, testId) {
  const list = page.locator(`[data-test=${testId}]:visible`)
  await list.waitFor()
  await settled(page)
  return list.innerText()
}

/** From the events list, the sign-ups page of the event titled `title`, once `name` is on its list; the list's text. */
export async function openSignUps(page, title, name) {
  await page.goto(`${BASE}/console/events/list`)
  await page.locator('[data-test=event-list] .el-table__row', { hasText: title }).locator('[data-test=event-sign-ups]').click()
  await page.waitForURL(/\/console\/events\/[^/]+\/sign-ups$/)
  await page.locator('[data-test=sign-up-list]').getByText(name).waitFor()
  await settled(page)
  return page.locator('[data-test=sign-up-list]').innerText()
}

/** 扫码统计 on the screens list for the event titled `title`: waits for `screen`'s row to say `counted`; the total. */
export async function scansOnScreensList(page, title, screen, counted) {
  await openFromMenu(page, '屏幕管理', /\/console\/admin\/screens$/)
  await page.locator('[data-test=scans-event]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: title }).click()
  const row = page.locator('[data-test=screen-list] .el-table__row').filter({ hasText: screen })
  await row.locator('[data-test=screen-scans]').filter({ hasText: counted }).waitFor()
  return page.locator('[data-test=scans-total]').innerText()
}
