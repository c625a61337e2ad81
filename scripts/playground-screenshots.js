// Takes the Microsoft 365 Agents Playground screenshots in docs/screenshots/ (welcome card,
// `role show`, a reply in a team channel) by driving the real Playground with headless Chromium.
//
// Written against Playground 0.2.28 (its DOM: the mention list, the "Post" button, the log panel).
// How to run, on an empty database (the bot sends each welcome card once, and `role create` must be new):
//   apt-get install -y chromium
//   mkdir -p /tmp/pg && (cd /tmp/pg && npm install puppeteer-core @microsoft/m365agentsplayground)
//   rm -rf src/HireBot/.hirebot
//   Teams__DangerouslyAllowUnauthenticatedLoopback=true dotnet run --project src/HireBot &
//   /tmp/pg/node_modules/.bin/agentsplayground -e http://127.0.0.1:3978/api/messages -c msteams &
//   NODE_PATH=/tmp/pg/node_modules node scripts/playground-screenshots.js [out-dir]
// Then stop both and remove src/HireBot/.hirebot. Environment: CHROMIUM (default /usr/bin/chromium),
// PLAYGROUND (default http://localhost:56150).
//
// `node scripts/playground-screenshots.js [out-dir] charts` takes playground-digest-chart.png and
// playground-calibration-chart.png instead: a digest (`summary`) and `calibration` with their charts.
// Start the bot with its database where the seed script finds it, chart URLs at its own address, then seed:
//   Teams__DangerouslyAllowUnauthenticatedLoopback=true Local__Enabled=true urls=http://127.0.0.1:3978 \
//     PublicUrl=http://127.0.0.1:3978 Database__DataDirectory=/tmp/pgbot dotnet run --project src/HireBot &
//   scripts/playground-seed-charts.sh /tmp/pgbot     # history, a loop for be-charts, the Playground's user as its recruiter
// then start the Playground as above and run this script with `charts`.
const path = require('path');
const puppeteer = require('puppeteer-core');

const outDir = process.argv[2] || path.join(__dirname, '..', 'docs', 'screenshots');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const playground = process.env.PLAYGROUND || 'http://localhost:56150';
const sleep = ms => new Promise(r => setTimeout(r, ms));

// The log panel lists every activity; the bot's own calls read "User Application → … Playground <kind> <status>".
async function botSends(page) {
  const text = await page.$eval('body', b => b.innerText);
  const calls = text.match(/User Application\s*\S+\s*Microsoft 365 Agents Playground\s+(\w+)\s+\d{3}/g) || [];
  return calls.filter(c => !/getConversation/.test(c)).length;
}

async function waitForBot(page, before, count = 1, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await botSends(page) >= before + count) { await sleep(1500); return; }
    await sleep(300);
  }
  throw new Error(`no answer from the bot within ${timeoutMs} ms`);
}

// Personal and group chats: the compose box at the bottom, Enter sends.
async function say(page, text) {
  const before = await botSends(page);
  await page.click('div[role=textbox]');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await waitForBot(page, before);
}

// A team channel: a new post in the box at the top, the bot @mentioned from the Playground's mention list.
async function post(page, text) {
  const before = await botSends(page);
  await page.click('div[role=textbox]'); // the first one is "Start a new post"; threads have their own below
  await page.keyboard.type('@');
  const mention = await page.waitForSelector('xpath/.//*[@id="typeahead-menu"]//*[@role="menuitem"][normalize-space(.)="Test Bot"]');
  await mention.click();
  await page.keyboard.type(' ' + text);
  const [button] = await page.$$('xpath/.//button[normalize-space(.)="Post"]');
  await button.click();
  await waitForBot(page, before);
}

async function shot(page, name) {
  const file = path.join(outDir, name);
  await page.screenshot({ path: file });
  console.log('wrote', file);
}

async function charts(page) {
  await page.goto(playground, { waitUntil: 'networkidle2' });
  await sleep(3000);
  await say(page, 'summary ada@example.com');
  await page.waitForFunction(() => [...document.images].some(i => i.src.includes('/charts/') && i.complete && i.naturalWidth > 0), { timeout: 30000 });
  await sleep(1500);
  await page.setViewport({ width: 1200, height: 2200 }); // the chart and the figures under it
  await sleep(1000);
  await shot(page, 'playground-digest-chart.png');
  await page.setViewport({ width: 1200, height: 1400 });
  await say(page, 'calibration be-charts');
  await page.waitForFunction(() => [...document.images].filter(i => i.src.includes('/charts/') && i.complete && i.naturalWidth > 0).length >= 2, { timeout: 30000 });
  await sleep(1500);
  await shot(page, 'playground-calibration-chart.png');
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    args: ['--no-sandbox', '--disable-gpu'],
    defaultViewport: { width: 1200, height: 1400 },
  });
  const page = await browser.newPage();
  try {
    if (process.argv[3] === 'charts') return await charts(page);
    // Opening the Playground installs the app in the personal chat: the bot sends its welcome card.
    await page.goto(playground, { waitUntil: 'networkidle2' });
    await page.waitForFunction(() => document.body.innerText.includes('HireBot'), { timeout: 30000 })
      .catch(() => { throw new Error('no welcome card: the bot sends it once per conversation, so start it on an empty database'); });
    await sleep(1500);
    await shot(page, 'playground-welcome.png');

    await say(page, 'role create be-sr "Senior Backend Engineer"');
    await say(page, 'role add be-sr manager grace@example.com');
    await say(page, 'role add be-sr interviewer ada@example.com pool backend');
    await say(page, 'role add be-sr interviewer alan@example.com pool senior-backend');
    await say(page, 'role add be-sr interviewer barbara@example.com pool behavioral');
    await say(page, 'role add be-sr interviewer grace@example.com pool managers');
    await say(page, 'role show be-sr');
    await page.setViewport({ width: 1200, height: 2000 }); // tall enough for every line from `role create` on
    await sleep(1000);
    await shot(page, 'playground-role-show.png');
    await page.setViewport({ width: 1200, height: 1400 });

    // The team "My Team", channel General: switching there installs the app in the team.
    await page.click('[title="Toggle app bar and conversation window"]');
    await sleep(800);
    let before = await botSends(page);
    await page.click('[aria-label="My Team - General"]');
    await sleep(1000);
    await page.click('[title="Toggle app bar and conversation window"]');
    await waitForBot(page, before).catch(() => {}); // the welcome card, if the bot sends one there
    // New channel posts that @mention the bot; each answer comes in the post's thread (newest on top).
    await post(page, 'role channel be-sr here');
    await post(page, 'role list');
    await shot(page, 'playground-channel-reply.png');
  } catch (e) {
    await shot(page, 'playground-failed.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(e); process.exit(1); });
