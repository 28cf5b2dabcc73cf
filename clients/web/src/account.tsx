import { createContext, useContext } from 'react';
import type { Ok } from './api.js';

export type Account = Ok<'/api/users/me', 'get'>;

export const AccountContext = createContext<{ account: Account; setAccount: (account: Account) => void } | undefined>(undefined);

export function useAccount(): { account: Account; setAccount: (account: Account) => void } {
  const value = useContext(AccountContext);
  if (!value) throw new Error('useAccount outside the signed-in app');
  return value;
}
