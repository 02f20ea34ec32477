// Route name (lib/routes.js) -> page component.
import { SignIn } from './SignIn.jsx';
import { SignUp } from './SignUp.jsx';
import { ForgotPassword } from './ForgotPassword.jsx';
import { ResetPassword } from './ResetPassword.jsx';
import { Settings } from './Settings.jsx';
import { DeleteAccount } from './DeleteAccount.jsx';
import { AllNotes, PadNotes } from './Notes.jsx';
import { NewPad, PadSettings } from './PadForm.jsx';
import { PadDelete } from './PadDelete.jsx';
import { NoteView } from './NoteView.jsx';
import { EditNote, NewNote } from './NoteForm.jsx';
import { NoteDelete } from './NoteDelete.jsx';

export const PAGES = {
  signin: SignIn,
  signup: SignUp,
  forgot: ForgotPassword,
  reset: ResetPassword,
  settings: Settings,
  deleteAccount: DeleteAccount,
  notes: AllNotes,
  pad: PadNotes,
  padNew: NewPad,
  padEdit: PadSettings,
  padDelete: PadDelete,
  note: NoteView,
  noteNew: NewNote,
  noteEdit: EditNote,
  noteDelete: NoteDelete,
};
