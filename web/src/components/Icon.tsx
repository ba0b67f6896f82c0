/** The few line icons the navigation uses (decorative: the label says what it is). */
const PATHS = {
  home: 'M3 10.5 10 4l7 6.5M5 9v7h4v-4h2v4h4V9',
  bell: 'M10 3a4.5 4.5 0 0 0-4.5 4.5V11L4 13.5h12L14.5 11V7.5A4.5 4.5 0 0 0 10 3Zm-1.75 12.5a1.75 1.75 0 0 0 3.5 0',
  briefcase: 'M3 7h14v9H3zM7.5 7V5h5v2M3 11h14',
  book: 'M4 4h5a2 2 0 0 1 2 2v10a1.5 1.5 0 0 0-1.5-1.5H4zM16 4h-3a2 2 0 0 0-2 2v10a1.5 1.5 0 0 1 1.5-1.5H16z',
  inbox: 'M3 11l2-6h10l2 6v5H3zM3 11h4l1 2h4l1-2h4',
  file: 'M6 3h6l3 3v11H6zM12 3v3h3M8.5 10h4M8.5 13h4',
  scale: 'M10 3v14M5 17h10M4 7h12M4 7l-2 5a2.5 2.5 0 0 0 4 0zM16 7l-2 5a2.5 2.5 0 0 0 4 0z',
  cog: 'M10 7.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5ZM10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4',
  ledger: 'M4 3h12v14H4zM7 7h6M7 10h6M7 13h3',
  external: 'M11 4h5v5M16 4l-7 7M14 12v4H4V6h4',
  tray: 'M4 4h12v12H4zM7 8l2 2 4-4M7 13h6',
  users:
    'M7.5 9a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM3 16c0-2.5 2-4.5 4.5-4.5S12 13.5 12 16M13 4.2a2.5 2.5 0 0 1 0 4.6M14.5 11.8c1.5.6 2.5 2.2 2.5 4.2',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg className="icon" viewBox="0 0 20 20" width={size} height={size} aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
