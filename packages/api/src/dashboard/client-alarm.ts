/**
 * Browser-side alarm for the tablet on the pass: while the service says something needs a person
 * (a printer down with tickets waiting, orders Wix did not send, an order nobody can read) the
 * banner flashes and a short two-tone beep repeats, made by the Web Audio API (nothing to
 * download, so it works when the internet does not). Browsers let a page make sound only after a
 * tap, so the first tap anywhere arms it. "Silence for 10 min" is remembered on this device.
 */
export const clientAlarm = `
const silenceKey = 'bonrelay.alarmSilencedUntil';
const silenceMs = 10 * 60 * 1000;
const beepEveryMs = 1500;
let alarm = { sounding: false, reasons: [] };
let audio;
let beepTimer;
let silenceTimer;

function silencedUntil() {
  try { return Number(localStorage.getItem(silenceKey)) || 0; } catch (error) { return 0; }
}

function beep() {
  if (!audio) return;
  const start = audio.currentTime;
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = 'square';
  oscillator.frequency.setValueAtTime(880, start);
  oscillator.frequency.setValueAtTime(660, start + 0.18);
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.36);
  oscillator.connect(gain);
  gain.connect(audio.destination);
  oscillator.start(start);
  oscillator.stop(start + 0.4);
}

function updateAlarm() {
  const until = silencedUntil();
  const silenced = until > Date.now();
  const loud = alarm.sounding && !silenced;
  const box = $('alarm');
  box.hidden = !alarm.sounding;
  box.classList.toggle('flashing', loud);
  box.setAttribute('data-sounding', loud && audio ? 'true' : 'false');
  $('alarm-reasons').replaceChildren(...(alarm.reasons || []).map((reason) => el('li', { text: reason })));
  $('alarm-state').textContent = silenced
    ? say('dashboard.alarm.silencedUntil', { time: clockTime(new Date(until).toISOString()) })
    : audio ? '' : say('dashboard.alarm.tapToHear');
  $('alarm-silence').hidden = silenced;
  if (loud && audio) {
    if (!beepTimer) {
      beep();
      beepTimer = setInterval(beep, beepEveryMs);
    }
  } else {
    clearInterval(beepTimer);
    beepTimer = undefined;
  }
  clearTimeout(silenceTimer);
  if (silenced) silenceTimer = setTimeout(updateAlarm, until - Date.now() + 50);
}

/** The first tap: the browser now lets the page make sound. Tapping "Silence" arms it quietly. */
function armAlarm(event) {
  if (audio) return;
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return;
  audio = new Context();
  if (audio.state === 'suspended') audio.resume();
  const target = event && event.target;
  if (!(target && target.closest && target.closest('#alarm-silence'))) updateAlarm();
}

function silenceAlarm() {
  try { localStorage.setItem(silenceKey, String(Date.now() + silenceMs)); } catch (error) { /* not kept */ }
  updateAlarm();
  notice(say('dashboard.alarm.silenced'));
}

function renderAlarm(update) {
  alarm = { sounding: Boolean(update.sounding), reasons: Array.isArray(update.reasons) ? update.reasons : [] };
  updateAlarm();
}

for (const type of ['pointerdown', 'keydown', 'touchstart']) document.addEventListener(type, armAlarm, true);
$('alarm-silence').addEventListener('click', silenceAlarm);
`;
