-- wrk 4 script: random single-range GETs over one file, aligned to fixed windows.
--
-- Usage: wrk -t2 -c64 -d10s -s bench/random-range.lua http://127.0.0.1:PORT/static/bench/ranges-64m.bin \
--            -- <file-size-bytes> [window-bytes] [check|nocheck]
--
--   file-size-bytes  size of the file behind the URL (required)
--   window-bytes     size of each range, default 1048576 (1 MiB); every request asks for
--                    "bytes=k*window-((k+1)*window-1)" for a random window k
--   check|nocheck    "check" counts responses whose status is not 206 and prints
--                    "non-206: N" when wrk finishes. wrk then has to buffer every body to
--                    hand it to Lua, which costs the client a copy per response and lowers
--                    what it can measure, so "nocheck" skips it (and prints
--                    "non-206: unchecked"). Default: $RANGE_CHECK, else "check".
--
-- Always printed at the end: "bytes-per-response: N" (bytes read / responses completed). For
-- 1 MiB windows it is a little above 1048576 (headers, plus bodies still in flight at the
-- stop); a server that ignored Range and sent the whole file would show ~64x that.
--
-- The request strings are formatted once per thread in init(); request() only picks one.

local windows = {}
local window_count = 0
local threads = {}
-- Globals, so that done() can read them from each thread with thread:get().
non206 = 0
range_checked = false

function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_id", #threads)
end

function init(args)
   local size = tonumber(args[1])
   local window = tonumber(args[2] or "1048576")
   if size == nil or window == nil or window <= 0 or size < window then
      error("random-range.lua needs: -- <file-size-bytes> [window-bytes] [check|nocheck]")
   end
   local mode = args[3] or os.getenv("RANGE_CHECK") or "check"
   if mode ~= "check" and mode ~= "nocheck" then
      error("random-range.lua: the third argument must be check or nocheck, got " .. mode)
   end
   window_count = math.floor(size / window)
   for k = 0, window_count - 1 do
      local first = k * window
      windows[k + 1] = wrk.format(nil, nil, { Range = string.format("bytes=%d-%d", first, first + window - 1) })
   end
   math.randomseed(os.time() * 1000 + (thread_id or 0))
   range_checked = mode == "check"
   if not range_checked then
      -- Without a global response() wrk neither parses headers nor buffers bodies for Lua.
      response = nil
   end
end

function request()
   return windows[math.random(1, window_count)]
end

function response(status, headers, body)
   if status ~= 206 then
      non206 = non206 + 1
   end
end

function done(summary, latency, requests)
   local total = 0
   local checked = false
   for _, thread in ipairs(threads) do
      total = total + (thread:get("non206") or 0)
      checked = checked or thread:get("range_checked") == true
   end
   if checked then
      io.write(string.format("non-206: %d\n", total))
   else
      io.write("non-206: unchecked\n")
   end
   if summary.requests > 0 then
      io.write(string.format("bytes-per-response: %d\n", math.floor(summary.bytes / summary.requests)))
   end
end
