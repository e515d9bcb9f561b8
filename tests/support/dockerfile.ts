import fs from 'node:fs'

import ignore from '@balena/dockerignore'
import { DockerfileParser, type Instruction } from 'dockerfile-ast'

/** One instruction of a stage: its keyword, flags (`--from=build`), and what follows them. */
export type Step = { keyword: string; flags: Record<string, string>; content: string; words: string[] }
export type Stage = { name: string; image: string; steps: Step[] }

const flagsOf = (instruction: Instruction): Record<string, string> => {
  const withFlags = instruction as Instruction & {
    getFlags?: () => Array<{ getName(): string; getValue(): string | null }>
  }
  return Object.fromEntries((withFlags.getFlags?.() ?? []).map((flag) => [flag.getName(), flag.getValue() ?? '']))
}

/** The Dockerfile's stages, in order, each with its instructions. */
export const readDockerfile = (file: string): Stage[] => {
  const stages: Stage[] = []
  for (const instruction of DockerfileParser.parse(fs.readFileSync(file, 'utf8')).getInstructions()) {
    const words = instruction.getArguments().map((argument) => argument.getValue())
    const step = {
      keyword: instruction.getKeyword(),
      flags: flagsOf(instruction),
      content: instruction.getArgumentsContent() ?? '',
      words,
    }
    if (step.keyword === 'FROM') {
      const asAt = words.findIndex((word) => word.toUpperCase() === 'AS')
      stages.push({ image: words[0], name: asAt >= 0 ? words[asAt + 1] : String(stages.length), steps: [] })
    } else {
      stages.at(-1)?.steps.push(step)
    }
  }
  return stages
}

/** The program and arguments of an exec-form command (`["node", "-e", "…"]`), after HEALTHCHECK's `CMD`. */
export const execForm = (step: Step): string[] => {
  const json = step.content.replace(/^CMD\s+/, '')
  if (!json.startsWith('[')) throw new Error(`${step.keyword} is not in exec form: ${step.content}`)
  return JSON.parse(json) as string[]
}

/** The variables an ENV instruction sets (`KEY=value` pairs). */
export const envOf = (step: Step): Record<string, string> =>
  Object.fromEntries(
    step.words.map((word) => [
      word.slice(0, word.indexOf('=')),
      word.slice(word.indexOf('=') + 1).replace(/^"(.*)"$/, '$1'),
    ]),
  )

/** Whether the build context leaves out a path (relative to the context, with `/`), by the rules of `.dockerignore`. */
export const contextIgnores = (dockerignoreFile: string) => {
  const rules = ignore().add(fs.readFileSync(dockerignoreFile, 'utf8'))
  return (relativePath: string) => rules.ignores(relativePath)
}
