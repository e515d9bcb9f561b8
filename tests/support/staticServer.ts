import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
}

export type StaticServer = { url: string; close: () => Promise<void> }

/** Listens with this handler (an express app, for one) on a free port of 127.0.0.1: its address, and what closes it. */
export const listen = async (handler: http.RequestListener): Promise<StaticServer> => {
  const server = http.createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/** Serves a built site folder on 127.0.0.1, with its 404 page for unknown paths. */
export const serveStatic = (dir: string) =>
  listen((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    let file = path.join(dir, pathname)
    if (!file.startsWith(dir)) file = path.join(dir, '404.html')
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html')
    if (!fs.existsSync(file)) {
      res.statusCode = 404
      file = path.join(dir, '404.html')
    }
    res.setHeader('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream')
    res.end(fs.readFileSync(file))
  })
