// Noto Sans JP, self-hosted, regular and bold only. The @font-face rules (one per unicode-range subset) are
// most of the app's CSS, so they come in their own stylesheet, loaded after the first paint: text shows at
// once in the system font, and Noto Sans JP is used once cached (font-display: optional, see vite.config.ts).
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
