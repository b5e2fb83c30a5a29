/** Device settings (placeholder until the settings panel lands). */
export function DeviceSettings() {
  return (
    <section className="panel" aria-label="Device settings">
      <h2>Device</h2>
    </section>
  );
}
