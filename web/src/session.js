// The app-wide context: the API client, the signed-in user and the pads of the "My pads" sidebar.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const Session = createContext(null);
export const useSession = () => useContext(Session);
