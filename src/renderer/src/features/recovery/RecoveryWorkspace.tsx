/** The recovery workspace (placeholder until its screens land). */
export function RecoveryWorkspace() {
  return <main className="desk" data-testid="recovery-workspace" />;
}
