import { Dialog } from '../../ui/dialog.js';
import { SHORTCUTS } from './hotkeys.js';

export function ShortcutHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
      <table className="shortcut-table">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                {s.keys.split(' ').map((k, i) =>
                  k === '/' && s.keys.includes('j') ? (
                    <span key={i}> / </span>
                  ) : k === 'or' ? (
                    <span key={i}> or </span>
                  ) : (
                    <kbd key={i}>{k}</kbd>
                  ),
                )}
              </th>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">Shortcuts are off while you type in a text box; press Esc to leave it.</p>
    </Dialog>
  );
}
