export const CSS = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 28px; padding: 14px 20px;
  background: var(--sb-accent, #2b5fd9); color: #fff; font-size: 15px; font-weight: 600; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.launcher:focus-visible, button:focus-visible, textarea:focus-visible, input:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.panel { position: fixed; right: 20px; bottom: 84px; z-index: 2147483000; width: min(370px, calc(100vw - 24px)); height: min(560px, calc(100vh - 110px));
  background: #fff; color: #1d2330; border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.3); display: flex; flex-direction: column; overflow: hidden; font-size: 14px; }
.panel[hidden] { display: none; }
header { background: var(--sb-accent, #2b5fd9); color: #fff; padding: 12px 14px; display: flex; align-items: center; gap: 8px; }
header h2 { font-size: 16px; margin: 0; flex: 1; }
header .status { font-size: 12px; opacity: .9; }
header button { background: transparent; border: 0; color: #fff; font-size: 20px; cursor: pointer; line-height: 1; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f6f7f9; }
.msg { max-width: 82%; padding: 8px 11px; border-radius: 12px; white-space: pre-wrap; word-wrap: break-word; line-height: 1.35; }
.msg.visitor { align-self: flex-end; background: var(--sb-accent, #2b5fd9); color: #fff; border-bottom-right-radius: 3px; }
.msg.agent, .msg.bot, .msg.system { align-self: flex-start; background: #fff; border: 1px solid #dde1e7; border-bottom-left-radius: 3px; }
.msg.bot { border-style: dashed; }
.msg .who { display: block; font-size: 11px; font-weight: 600; opacity: .75; margin-bottom: 2px; }
.msg.pending { opacity: .6; }
.msg.failed { background: #fde8e6; color: #8c1d18; }
.msg a { color: inherit; }
.meta { font-size: 11px; color: #5a6270; align-self: flex-end; }
.typing { font-size: 12px; color: #5a6270; padding: 0 12px 4px; min-height: 18px; background: #f6f7f9; }
.offline { padding: 10px 12px; background: #fff8e1; border-top: 1px solid #f0e0a0; }
.offline p { margin: 0 0 6px; }
.offline form { display: flex; gap: 6px; }
.offline input { flex: 1; padding: 7px; border: 1px solid #8a93a3; border-radius: 6px; font-size: 14px; }
form.compose { display: flex; gap: 6px; padding: 10px; border-top: 1px solid #dde1e7; align-items: flex-end; }
form.compose textarea { flex: 1; resize: none; height: 40px; max-height: 120px; padding: 9px; border: 1px solid #8a93a3; border-radius: 8px; font-size: 14px; }
.btn { background: var(--sb-accent, #2b5fd9); color: #fff; border: 0; border-radius: 8px; padding: 10px 12px; font-weight: 600; cursor: pointer; font-size: 14px; }
.attach { background: #eef1f5; color: #1d2330; }
.files { padding: 0 10px; font-size: 12px; color: #5a6270; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
