import { DEMO_USERS, signIn } from '@proov/local-stack'
import type { DemoUser } from '@proov/local-stack'
import { readStackFile } from './data-dir.js'
import type { DataLayout, StackFile } from './data-dir.js'
import { InfraError } from './errors.js'

/** A demo user by handle (`alice`) or by the e-mail address they sign in with. */
export function findDemoUser(nameOrEmail: string): DemoUser {
  const wanted = nameOrEmail.trim().toLowerCase()
  const user = DEMO_USERS.find(
    (candidate) => candidate.name === wanted || candidate.email.toLowerCase() === wanted,
  )
  if (user === undefined) {
    const names = DEMO_USERS.map((candidate) => candidate.name).join(', ')
    throw new InfraError('unknown_demo_user', `pick one of ${names}`)
  }
  return user
}

/** Signs a demo user in through the pool the stack file names, as a client app would. */
export async function idTokenFromStack(stack: StackFile, nameOrEmail: string): Promise<string> {
  const user = findDemoUser(nameOrEmail)

  try {
    const tokens = await signIn({
      endpoint: stack.cognitoEndpoint,
      clientId: stack.clientId,
      username: user.username,
      password: user.password,
    })
    return tokens.idToken
  } catch (error) {
    if (isConnectionRefused(error)) {
      throw new InfraError(
        'stack_not_running',
        `cognito-local does not answer at ${stack.cognitoEndpoint}; start it with ./dev start`,
        { cause: error },
      )
    }
    throw error
  }
}

/** The ID token of a demo user of the stack running from this data folder. */
export async function idTokenForDemoUser(layout: DataLayout, nameOrEmail: string) {
  return idTokenFromStack(await readStackFile(layout), nameOrEmail)
}

function isConnectionRefused(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as NodeJS.ErrnoException).code
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return true
    if (cause instanceof AggregateError && cause.errors.some(isConnectionRefused)) return true
  }
  return false
}
