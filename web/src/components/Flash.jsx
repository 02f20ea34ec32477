// The message left by the last action ("Note saved."). Errors are alerts; the rest are polite status messages.
export function Flash({ flash }) {
  if (!flash) return null;
  const role = flash.kind === 'error' ? 'alert' : 'status';
  return <div key={flash.id} class={`flash flash-${flash.kind}`} role={role}>{flash.text}</div>;
}
