// A contact as Vitre writes it to vCard: the fields of Android's contacts data rows, in the
// user's terms. Built from `content query` rows by contact-rows.ts, written by vcard-writer.ts.

export interface ContactName {
  /** What the phone shows (display name). */
  formatted: string;
  family: string;
  given: string;
  middle: string;
  prefix: string;
  suffix: string;
}

/** A phone number or email address with its kind (vCard TYPE values) or a custom label. */
export interface LabeledValue {
  value: string;
  /** vCard 3.0 TYPE values, e.g. ["CELL"], ["WORK", "FAX"], ["INTERNET", "HOME"]. */
  types: string[];
  /** A label of the user's own ("Grandma's landline"), written as X-ABLabel. */
  label?: string;
  preferred: boolean;
}

export interface PostalAddress {
  types: string[];
  label?: string;
  preferred: boolean;
  poBox: string;
  extended: string;
  street: string;
  locality: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface Organization {
  company: string;
  department: string;
  title: string;
}

export interface ContactEvent {
  /** As the phone stores it: "1990-05-17", or "--05-17" when the year is unknown. */
  date: string;
  kind: 'birthday' | 'anniversary' | 'other';
  label?: string;
}

export interface Contact {
  /** Android's contact_id (the aggregated contact). */
  id: string;
  name: ContactName;
  phones: LabeledValue[];
  emails: LabeledValue[];
  addresses: PostalAddress[];
  organizations: Organization[];
  nicknames: string[];
  notes: string[];
  websites: string[];
  events: ContactEvent[];
  /** The contact's photo, JPEG bytes. */
  photoJpeg?: Uint8Array;
}

export function emptyContact(id: string): Contact {
  return {
    id,
    name: { formatted: '', family: '', given: '', middle: '', prefix: '', suffix: '' },
    phones: [],
    emails: [],
    addresses: [],
    organizations: [],
    nicknames: [],
    notes: [],
    websites: [],
    events: [],
  };
}
