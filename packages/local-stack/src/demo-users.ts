export type DemoUserRole = 'user' | 'operator'

export type DemoUser = {
  /** Short handle tests and commands use to pick a user. */
  name: string
  /** What the user signs in with: the pool takes e-mail addresses as user names. */
  username: string
  email: string
  password: string
  /** An operator is put in the pool's operator group, so its tokens carry that group. */
  role: DemoUserRole
}

// Local-only credentials, shaped to pass Cognito's default password policy.
export const DEMO_USERS: DemoUser[] = [
  {
    name: 'alice',
    username: 'alice@example.com',
    email: 'alice@example.com',
    password: 'Alice-Passw0rd!',
    role: 'user',
  },
  {
    name: 'bob',
    username: 'bob@example.com',
    email: 'bob@example.com',
    password: 'Bob-Passw0rd!',
    role: 'user',
  },
  {
    name: 'carol',
    username: 'carol@example.com',
    email: 'carol@example.com',
    password: 'Carol-Passw0rd!',
    role: 'user',
  },
  {
    name: 'olga',
    username: 'olga@example.com',
    email: 'olga@example.com',
    password: 'Olga-Passw0rd!',
    role: 'operator',
  },
]

export const DEFAULT_OPERATOR_GROUP = 'operators'

/** The Cognito group of operators, as every service reads it: OPERATOR_GROUP, else `operators`. */
export function operatorGroupFromEnv(env: NodeJS.ProcessEnv): string {
  const group = env.OPERATOR_GROUP?.trim()
  return group === undefined || group === '' ? DEFAULT_OPERATOR_GROUP : group
}
