import os


def worker_header(get_response):
    """Names the serving process in an X-Worker header, so the benchmark's load generator can count
    each worker's share of the requests (keep-alive skew)."""

    def middleware(request):
        response = get_response(request)
        # Read per response: with --preload this factory runs in the master, before the fork.
        response["X-Worker"] = str(os.getpid())
        return response

    return middleware
