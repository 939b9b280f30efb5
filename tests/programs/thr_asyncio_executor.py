# asyncio.to_thread / run_in_executor (host executor threads) with guest locks, events and threads.
import asyncio, threading, time
from blocked_support import seen_waiting
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
    waiter, seen = [], []
    def wait_event():
        waiter.append(threading.get_native_id())
        return ev.wait()
    def set_once_blocked():
        # set the event only once the executor thread is seen waiting for it
        while not waiter:
            time.sleep(0.001)
        seen.append(seen_waiting(waiter[0], lambda: not ev.is_set()))
        loop.call_soon_threadsafe(ev.set)
    t = threading.Thread(target=set_once_blocked)
    t.start()
    got = await loop.run_in_executor(None, wait_event)
    t.join()
    print("event via executor", got, ev.is_set(), seen)
asyncio.run(main())
print(threading.active_count())
