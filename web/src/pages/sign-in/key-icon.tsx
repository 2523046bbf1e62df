export function KeyIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-6 shrink-0"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
    >
      <circle cx="7.5" cy="12" r="4.5" />
      <path d="M12 12h10M18 12v3.5M21 12v2.5" />
    </svg>
  );
}
