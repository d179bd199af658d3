FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# collectstatic only copies files: the local settings do, without production secrets.
RUN FACTDB_DEBUG=1 python manage.py collectstatic --noinput
RUN useradd --system factdb
USER factdb
EXPOSE 8000
