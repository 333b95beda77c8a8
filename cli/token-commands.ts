// `tollgate tokens …`: list, create, show, update, regenerate, credits, disable, enable,
// delete, usage and events, each a call of the client.
import { Command, Option } from 'commander'
import { MAX_CREDITS, type Token } from '../contract/api-tokens'
import { barChart } from './bar-chart'
import { contextOf, print, type CliContext, type CliIo } from './cli-context'
import { dateOf, keyValues, table } from './output'
import {
  DURATION_CHOICES,
  createBody,
  graceSeconds,
  lifetimeFields,
  tokenFields,
  tokenId,
  wholeNumber,
  type TokenFieldOptions,
} from './token-options'
import { tokenDetails, tokenTable } from './token-views'
import { UsageError } from './usage-error'

/** Collects a repeated option (`--permission a --permission b`). */
const collect = (value: string, previous: string[] = []) => [...previous, value]

/** The options of a key's lifetime, shared by `create`, `update` and `regenerate`. */
function withLifetimeOptions(command: Command, unset: string): Command {
  return command
    .addOption(
      new Option('--duration <duration>', `how long the key works (${unset})`).choices(
        DURATION_CHOICES,
      ),
    )
    .option('--expires-at <iso>', 'a custom end instead of --duration (ISO 8601)')
}

/** The options a token's fields are set with, shared by `create` and `update`. */
function withFieldOptions(command: Command, unset: string): Command {
  return withLifetimeOptions(command.option('--description <text>', 'what the token is for'), unset)
    .option('--permission <action>', 'an action a custom token may call (repeat it)', collect)
    .option(
      '--ip <cidr>',
      'an address or CIDR range the key works from (repeat it; "none": any address)',
      collect,
    )
    .option('--rate-limit <tier>', 'a rate-limit tier, or "none"')
    .option('--credits <n>', 'meter the token: its balance of requests ("none": unmetered)')
    .option('--refill <n/interval>', 'with --credits: the balance each day or month (100/day)')
    .option('--meta <json>', 'data for the origin, a JSON object (\'{"plan":"pro"}\')')
}

/** The key with its token's fields, for people: the key last, where the eye ends. */
function keyText(details: string, accessKey: string): string {
  return [details, '', 'Key (shown this once, store it now):', accessKey].join('\n')
}

/** Every token the admin may see, page after page. */
async function allTokens(context: CliContext, filters: { owner?: string; q?: string }) {
  const tokens: Token[] = []
  for (let page = 1; ; page += 1) {
    const { data, meta } = await context.client.tokens.list({ ...filters, page, pageSize: 100 })
    tokens.push(...data)
    if (data.length === 0 || tokens.length >= meta.pagination.total) return tokens
  }
}

/** The `tokens` command and its subcommands. */
export function tokenCommands(io: CliIo): Command {
  const tokens = new Command('tokens').description('list, create, edit and delete API tokens')
  const context = (command: Command) => contextOf(command, io)

  tokens
    .command('list')
    .description('list the tokens')
    .option('--owner <owner>', 'operators: only this owner\'s tokens ("" for none)')
    .option('--search <text>', 'only tokens whose name or description holds this')
    .action(async (options: { owner?: string; search?: string }, command: Command) => {
      const ctx = context(command)
      print(ctx, await allTokens(ctx, { owner: options.owner, q: options.search }), tokenTable)
    })

  withFieldOptions(
    tokens
      .command('create')
      .description('create a token and print its key, once')
      .requiredOption('--name <name>', 'a unique name (required)')
      .requiredOption('--type <type>', 'read-only, full-access or custom (required)'),
    'default: unlimited',
  )
    .option('--owner <owner>', 'operators: the customer the token belongs to')
    .option('--quiet', 'print the key alone')
    .action(async (options: TokenFieldOptions & { owner?: string; quiet?: boolean }, command) => {
      const ctx = context(command)
      const created = await ctx.client.tokens.create(createBody(options))
      if (options.quiet) return io.out(created.accessKey)
      const { accessKey, ...token } = created
      print(ctx, created, () => keyText(tokenDetails(token), accessKey))
    })

  tokens
    .command('show')
    .description('show a token')
    .argument('<id>', 'the token id')
    .action(async (id: string, _options, command: Command) => {
      const ctx = context(command)
      print(ctx, await ctx.client.tokens.get(tokenId(id)), tokenDetails)
    })

  withFieldOptions(
    tokens
      .command('update')
      .description("change a token's fields (only those given)")
      .argument('<id>', 'the token id')
      .option('--name <name>', 'a new, unique name')
      .option('--type <type>', 'read-only, full-access or custom'),
    'restarts it now',
  ).action(async (id: string, options: TokenFieldOptions, command: Command) => {
    const ctx = context(command)
    const body = tokenFields(options)
    if (Object.keys(body).length === 0)
      throw new UsageError('nothing to change: give a field option')
    print(ctx, await ctx.client.tokens.update(tokenId(id), body), tokenDetails)
  })

  withLifetimeOptions(
    tokens
      .command('regenerate')
      .description('give a token a new key; the old one stops (or keeps working --grace long)')
      .argument('<id>', 'the token id')
      .option('--grace <duration>', 'how long the old key keeps working: 0, 30m, 1h, 7d', '0')
      .option('--quiet', 'print the key alone'),
    'default: the token’s own',
  ).action(
    async (
      id: string,
      options: { grace: string; quiet?: boolean; duration?: string; expiresAt?: string },
      command: Command,
    ) => {
      const ctx = context(command)
      const body = { gracePeriod: graceSeconds(options.grace), ...lifetimeFields(options) }
      const key = await ctx.client.tokens.regenerate(tokenId(id), body)
      if (options.quiet) return io.out(key.accessKey)
      // The key is issued: nothing after this may lose it (an admin without `read`, a
      // network failure), so the token's fields are shown only when they can be read.
      const token = await ctx.client.tokens.get(key.id).catch(() => null)
      const details = token
        ? tokenDetails(token)
        : keyValues([
            ['ID', String(key.id)],
            ['Expires', dateOf(key.expiresAt, 'never')],
          ])
      print(ctx, key, () => keyText(details, key.accessKey))
    },
  )

  tokens
    .command('credits')
    .description("top up or set a metered token's balance")
    .argument('<id>', 'the token id')
    .option('--add <n>', 'credits to add')
    .option('--set <n>', 'the new balance')
    .action(async (id: string, options: { add?: string; set?: string }, command: Command) => {
      const ctx = context(command)
      if ((options.add === undefined) === (options.set === undefined)) {
        throw new UsageError('give --add or --set, one of them')
      }
      const change =
        options.add !== undefined
          ? { add: wholeNumber(options.add, '--add', 0, MAX_CREDITS) }
          : { set: wholeNumber(options.set!, '--set', 0, MAX_CREDITS) }
      print(ctx, await ctx.client.tokens.credits(tokenId(id), change), tokenDetails)
    })

  for (const [name, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    tokens
      .command(name)
      .description(
        enabled
          ? "let a disabled token's key work again"
          : "stop a token's key at once, keeping the token",
      )
      .argument('<id>', 'the token id')
      .action(async (id: string, _options, command: Command) => {
        const ctx = context(command)
        print(ctx, await ctx.client.tokens.update(tokenId(id), { enabled }), tokenDetails)
      })
  }

  tokens
    .command('delete')
    .description('delete a token: its key stops at once')
    .argument('<id>', 'the token id')
    .option('--yes', 'do not ask')
    .action(async (id: string, options: { yes?: boolean }, command: Command) => {
      const ctx = context(command)
      if (!options.yes) {
        if (!io.confirm) throw new UsageError('not a terminal: add --yes to delete without asking')
        const token = await ctx.client.tokens.get(tokenId(id))
        if (
          !(await io.confirm(`Delete token ${token.id} "${token.name}"? Its key stops at once.`))
        ) {
          return io.err('Nothing deleted.')
        }
      }
      const deleted = await ctx.client.tokens.delete(tokenId(id))
      print(ctx, deleted, (token) =>
        token ? `Deleted token ${token.id} "${token.name}".` : `No token ${id}: nothing deleted.`,
      )
    })

  tokens
    .command('usage')
    .description('requests passed and refused per day, as a bar chart')
    .argument('<id>', 'the token id')
    .option('--days <n>', 'how many days back, 1–90', '30')
    .action(async (id: string, options: { days: string }, command: Command) => {
      const ctx = context(command)
      const days = wholeNumber(options.days, '--days', 1, 90)
      const usage = await ctx.client.tokens.usage(tokenId(id), { days })
      const width = Math.max(10, Math.min(60, (io.columns ?? 80) - 40))
      print(ctx, usage, (data) => barChart(data, width))
    })

  tokens
    .command('events')
    .description('the audit log, newest first: of one token, or of every token')
    .argument('[id]', 'the token id (every token without it)')
    .option('--page <n>', 'which page', '1')
    .action(async (id: string | undefined, options: { page: string }, command: Command) => {
      const ctx = context(command)
      const query = { page: wholeNumber(options.page, '--page'), pageSize: 50 }
      const events = await ctx.client.tokens.events(
        id === undefined ? undefined : tokenId(id),
        query,
      )
      print(ctx, events.data, (data) => {
        if (data.length === 0) return 'No events.'
        const rows = data.map((event) => [
          dateOf(event.at),
          event.action,
          `${event.tokenId} ${event.tokenName}`,
          event.actor === null
            ? '—'
            : (event.actor.name ?? ('sub' in event.actor ? event.actor.sub : '')),
          Object.keys(event.changes ?? {}).join(', '),
        ])
        const { page, pageCount, total } = events.meta.pagination
        return `${table(['AT', 'ACTION', 'TOKEN', 'BY', 'CHANGED'], rows)}\n\n${keyValues([['Page', `${page} of ${pageCount} (${total} events)`]])}`
      })
    })

  return tokens
}
