from django.http import HttpResponse, HttpResponseRedirect


def choose_edition(request):
    return HttpResponseRedirect("/ar/")


def home(request):
    return HttpResponse("home")


def page_not_found(request, exception):
    return HttpResponse("not found", status=404)


def server_error(request):
    return HttpResponse("error", status=500)
