import { ChatWidget } from './ui.js';

/**
 * Switchboard chat widget. Embed with one tag:
 *   <script src="https://support.example.com/widget.js" data-brand="clipster" async></script>
 * Optional: data-identity-token="<HS256 JWT from your backend>", data-title, data-accent.
 * API: window.SwitchboardChat.open() / .close() / .identify(token) / .shutdown()
 */
declare global {
  interface Window {
    SwitchboardChat?: { open(): void; close(): void; identify(token: string | null): void; shutdown(): void; widget: ChatWidget };
  }
}

(() => {
  if (window.SwitchboardChat) return; // embedded twice: keep the first
  const script = document.currentScript as HTMLScriptElement | null;
  const src = script?.src ?? '';
  const base = src ? new URL(src).origin : location.origin;
  const brand = script?.dataset.brand ?? '';
  if (!brand) {
    console.error('[switchboard] the widget <script> needs data-brand="<brand slug or id>"');
    return;
  }
  const widget = new ChatWidget({
    base, brand, identity: script?.dataset.identityToken ?? null, title: script?.dataset.title ?? 'Chat with support', accent: script?.dataset.accent,
  });
  window.SwitchboardChat = {
    widget,
    open: () => widget.open(),
    close: () => widget.close(),
    identify: (token) => widget.client.identify(token),
    shutdown: () => widget.destroy(),
  };
  const mount = () => widget.mount();
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
