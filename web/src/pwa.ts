import { registerSW } from 'virtual:pwa-register';

// Registered from the bundle rather than an inline script: the server's CSP allows scripts from 'self' only.
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  registerSW({ immediate: true });
}
