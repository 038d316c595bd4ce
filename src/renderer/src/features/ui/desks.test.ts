import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../../shared/entities.js';
import type { Session } from '../../../../shared/ipc.js';
import { resetStore, useStore } from '../../store/index.js';
import { useSession } from '../session/session-store.js';
import { openRecord } from '../session/shell-events.js';
import { commandEnabled, commandOffered, runCommand } from './commands.js';
import { landingDesk } from './desks.js';

/** The reference backend's demo people. */
const PEOPLE: Record<string, Role[]> = {
  marco: ['agent'],
  jonas: ['verifier'],
  sophie: ['expert'],
  lea: ['agent', 'verifier', 'expert'],
};

function session(login: string): Session {
  return { agent: { id: `A-${login}`, name: login, roles: PEOPLE[login] ?? [] }, language: 'fr' };
}

const TICKET_ACTIONS = ['recategorise', 'assign', 'status', 'reply', 'escalate', 'merge'] as const;

beforeEach(() => {
  resetStore();
});

describe('where a person lands', () => {
  it('on the first desk of their roles: agent → triage, verifier → recovery, expert → callbacks', () => {
    const landed = Object.keys(PEOPLE).map((login) => {
      resetStore();
      useStore.getState().setSession(session(login));
      return `${login}: ${useStore.getState().workspace}`;
    });
    expect(landed).toEqual(['marco: triage', 'jonas: recovery', 'sophie: callbacks', 'lea: triage']);
    expect(landingDesk([])).toBeNull();
  });

  it('the same person keeps the desk they chose; someone else moves to a desk of theirs', () => {
    const s = useStore.getState();
    s.setSession(session('lea'));
    s.setWorkspace('callbacks');
    // The language changed: main answers the same person again.
    s.setSession(session('lea'));
    expect(useStore.getState().workspace).toBe('callbacks');
    s.setSession(session('jonas'));
    expect(useStore.getState().workspace).toBe('recovery');
    s.setSession(session('marco'));
    expect(useStore.getState().workspace).toBe('triage');
  });

  it('a desk asked for before sign-in is kept when the roles open it', () => {
    useStore.getState().setWorkspace('recovery');
    useStore.getState().setSession(session('lea'));
    expect(useStore.getState().workspace).toBe('recovery');
    expect(useStore.getState().notices).toEqual([]);
  });
});

describe('a desk the roles do not open', () => {
  it('is refused by tab, Alt+digit and menu alike, and the palette does not list it', () => {
    const s = useStore.getState();
    s.setSession(session('sophie'));
    expect(s.setWorkspace('triage')).toBe(false);
    runCommand('goTriage');
    runCommand('goRecovery');
    expect(useStore.getState().workspace).toBe('callbacks');
    expect(['goTriage', 'goRecovery', 'goCallbacks'].map((id) => commandOffered(id as 'goTriage'))).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('a ticket link for an expert says the ticket belongs to the triage desk and opens nothing', () => {
    useStore.getState().setSession(session('sophie'));
    openRecord({ kind: 'ticket', id: 'T-42' });
    const after = useStore.getState();
    expect(after).toMatchObject({ workspace: 'callbacks', openId: null });
    expect(after.notices.map((n) => [n.key, n.params])).toEqual([['desks.ticketElsewhere', { id: 'T-42' }]]);
  });

  it('a ticket link that arrived before sign-in is closed with the same notice once the session is known', () => {
    // What openRecord leaves when nobody is signed in yet (the desk asked for, the ticket being opened).
    useStore.setState({ workspace: 'triage', deskAsked: true, openId: 'T-42' });
    useStore.getState().setSession(session('sophie'));
    const after = useStore.getState();
    expect(after).toMatchObject({ workspace: 'callbacks', openId: null });
    expect(after.notices.map((n) => n.key)).toEqual(['desks.ticketElsewhere']);
  });
  it('a recovery link before sign-in, for someone without the desk, is said and forgotten', () => {
    // What openRecord leaves when nobody is signed in yet (without asking main for the request).
    useStore.getState().setWorkspace('recovery');
    useSession.getState().requestRecovery('R-7');
    useStore.getState().setSession(session('marco'));
    expect(useStore.getState().workspace).toBe('triage');
    expect(useStore.getState().notices.map((n) => n.key)).toEqual(['desks.notYours.recovery']);
    expect(useSession.getState().requestedRecoveryId).toBeNull();
  });
});

describe('the triage actions', () => {
  it('need the agent role: a verifier or an expert is offered none, and running one does nothing', () => {
    useStore.setState({ selectedId: 'T-1' });
    for (const login of ['jonas', 'sophie']) {
      useStore.getState().setSession(session(login));
      expect(TICKET_ACTIONS.filter((id) => commandOffered(id) || commandEnabled(id))).toEqual([]);
      runCommand('recategorise');
      runCommand('reply');
      expect(useStore.getState()).toMatchObject({ overlay: null, composerOpen: false });
    }
    useStore.getState().setSession(session('marco'));
    expect(TICKET_ACTIONS.filter((id) => commandOffered(id))).toEqual(TICKET_ACTIONS);
    runCommand('recategorise');
    expect(useStore.getState().overlay).toBe('category');
  });
});
