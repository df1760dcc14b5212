from .accessibility import Preferences


def accessibility(request):
    return {"a11y": Preferences.from_request(request)}
