def body(request):
    """The body whose site is being read (None on the platform's own pages)."""
    return {"current_body": getattr(request, "site_body", None)}
