/**
 * First screen: the sync state and the queues by category with live counts.
 * The triage console (issue 3) grows from here.
 */
import { useEffect, useState } from 'react';
import type { CategoryCount, SyncStatus } from '../../../shared/ipc.js';
import { call, subscribe } from '../lib/api.js';

export function App() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [counts, setCounts] = useState<CategoryCount[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const refresh = () => {
      call('queue:counts', 'fr').then(setCounts, (e: unknown) => {
        setError(String(e));
      });
    };
    call('sync:status').then(setStatus, (e: unknown) => {
      setError(String(e));
    });
    refresh();
    return subscribe('sync:status', (s) => {
      setStatus(s);
      refresh();
    });
  }, []);

  return (
    <main>
      <h1>Support Console</h1>
      {error && <p role="alert">{error}</p>}
      <p data-testid="sync-state">
        {status === null
          ? 'Connexion…'
          : `${status.online ? 'En ligne' : 'Hors ligne'} · ${status.phase}${
              status.progress ? ` · ${status.progress.done}/${status.progress.total}` : ''
            }`}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Catégorie</th>
            <th scope="col">Nouveaux</th>
            <th scope="col">Ouverts</th>
            <th scope="col">En attente</th>
          </tr>
        </thead>
        <tbody>
          {counts.map((c) => (
            <tr key={c.categoryId}>
              <th scope="row">{c.name}</th>
              <td>{c.new}</td>
              <td>{c.open}</td>
              <td>{c.pending}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
