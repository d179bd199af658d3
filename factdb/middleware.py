"""The API reads each query parameter once: a repeated one is refused, not half read.

Django keeps every value of ?page=1&page=2 and the views read the last, so a
client that sends a list believes it was honoured. No API parameter takes a
list, so any repetition is a client's mistake worth a 400.
"""

from django.http import JsonResponse


def single_query_values(get_response):
    def middleware(request):
        if request.path.startswith("/api/"):
            repeated = sorted(name for name, values in request.GET.lists() if len(values) > 1)
            if repeated:
                return JsonResponse(
                    {"error": f"query parameters given more than once: {', '.join(repeated)}", "fields": {name: ["give it once"] for name in repeated}},
                    status=400,
                )
        return get_response(request)

    return middleware
