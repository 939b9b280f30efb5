# asyncio.to_thread / run_in_executor (host executor threads) with guest locks, events and threads.
import asyncio, threading, time
lock = threading.Lock()
count = [0]
def blocking(i):
    with lock:
        count[0] += i
    return threading.current_thread().name.startswith("asyncio"), i * 2
async def main():
    results = await asyncio.gather(*(asyncio.to_thread(blocking, i) for i in range(5)))
    print(results, count[0])
    loop = asyncio.get_running_loop()
    ev = threading.Event()
    t = threading.Thread(target=lambda: (time.sleep(0.05), loop.call_soon_threadsafe(ev.set)))
    t.start()
    await loop.run_in_executor(None, ev.wait)
    t.join()
    print("event via executor", ev.is_set())
asyncio.run(main())
print(threading.active_count())
