export type DemoUser = {
  /** Short handle tests and commands use to pick a user. */
  name: string
  /** What the user signs in with: the pool takes e-mail addresses as user names. */
  username: string
  email: string
  password: string
}

// Local-only credentials, shaped to pass Cognito's default password policy.
export const DEMO_USERS: DemoUser[] = [
  {
    name: 'alice',
    username: 'alice@example.com',
    email: 'alice@example.com',
    password: 'Alice-Passw0rd!',
  },
  {
    name: 'bob',
    username: 'bob@example.com',
    email: 'bob@example.com',
    password: 'Bob-Passw0rd!',
  },
]
