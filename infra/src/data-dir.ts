import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { InfraError } from './errors.js'

/** Everything the local stack keeps, under one folder. */
export type DataLayout = {
  root: string
  dynamodb: string
  cognito: string
  videos: string
  secretsFile: string
  stackFile: string
}

export function dataLayout(root: string): DataLayout {
  return {
    root,
    dynamodb: join(root, 'dynamodb'),
    cognito: join(root, 'cognito'),
    videos: join(root, 'videos'),
    secretsFile: join(root, 'secrets.json'),
    stackFile: join(root, 'stack.json'),
  }
}

const SecretsSchema = z.object({ cursor_secret: z.string().min(32) })

/**
 * The secret list cursors are signed with. Kept across restarts, so a client's cursor from
 * before a restart still reads the same page.
 */
export async function ensureCursorSecret(layout: DataLayout): Promise<string> {
  const existing = await readJson(layout.secretsFile)
  const parsed = SecretsSchema.safeParse(existing)
  if (parsed.success) return parsed.data.cursor_secret

  const secrets = { cursor_secret: randomBytes(32).toString('base64url') }
  await mkdir(layout.root, { recursive: true })
  await writeFile(layout.secretsFile, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 })
  return secrets.cursor_secret
}

/** What other commands need to find a running stack. */
export const StackFileSchema = z.object({
  gatewayUrl: z.url(),
  cognitoEndpoint: z.url(),
  userPoolId: z.string().min(1),
  clientId: z.string().min(1),
  dynamodbEndpoint: z.url(),
  tableName: z.string().min(1),
  pid: z.number().int().positive(),
  startedAt: z.iso.datetime(),
})
export type StackFile = z.infer<typeof StackFileSchema>

export async function writeStackFile(layout: DataLayout, stack: StackFile): Promise<void> {
  await mkdir(layout.root, { recursive: true })
  await writeFile(layout.stackFile, `${JSON.stringify(stack, null, 2)}\n`)
}

export async function removeStackFile(layout: DataLayout): Promise<void> {
  await rm(layout.stackFile, { force: true })
}

/** The running stack's description; fails with `stack_not_running` when there is none. */
export async function readStackFile(layout: DataLayout): Promise<StackFile> {
  const content = await readJson(layout.stackFile)
  if (content === undefined) {
    throw new InfraError('stack_not_running', `no ${layout.stackFile}; start it with ./dev start`)
  }

  const parsed = StackFileSchema.safeParse(content)
  if (!parsed.success) {
    throw new InfraError('stack_not_running', `${layout.stackFile} is not readable; restart it`, {
      cause: parsed.error,
    })
  }
  if (!isAlive(parsed.data.pid)) {
    throw new InfraError(
      'stack_not_running',
      `the stack that wrote ${layout.stackFile} has stopped; start it with ./dev start`,
    )
  }
  return parsed.data
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readJson(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }

  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}
