/** NetBox's AppConfig verbose names, which a content type's text starts with (`DCIM | device`). */
const APP_NAMES: Record<string, string> = {
  circuits: 'Circuits',
  core: 'Core',
  dcim: 'DCIM',
  extras: 'Extras',
  ipam: 'IPAM',
  tenancy: 'Tenancy',
  users: 'Users',
  virtualization: 'Virtualization',
  vpn: 'VPN',
  wireless: 'Wireless',
};

export function appVerboseName(appLabel: string): string {
  return APP_NAMES[appLabel] ?? appLabel;
}
