import t from 'tap'

import { describeUnreadableInput, inputArgs } from '../../src/analysis/input.js'

t.test('input arguments pin the protocol and the accepted containers', async (t) => {
  const args = inputArgs('relative/-clip.mp4')

  t.equal(args.at(-2), '-i')
  t.equal(args.at(-1), `file:${process.cwd()}/relative/-clip.mp4`)
  t.equal(args[args.indexOf('-protocol_whitelist') + 1], 'file')
  t.match(args[args.indexOf('-format_whitelist') + 1], /^mov,matroska,/)
})

t.test('tool errors become words a person understands', async (t) => {
  t.equal(
    describeUnreadableInput("[concat @ 0x3b6bd300] Format not on whitelist 'mov'"),
    'its format (concat) is not an accepted video container',
  )
  t.match(
    describeUnreadableInput('[mov @ 0x1] moov atom not found\nx: Invalid data found'),
    /truncated/,
  )
  t.match(describeUnreadableInput('x.mp4: End of file'), /ends early/)
  t.equal(
    describeUnreadableInput('x.mkv: Invalid data found when processing input'),
    'invalid data (not a recognised video format)',
  )
  t.equal(describeUnreadableInput('Segmentation fault'), null)
})
