/** Renders anything Nest itself rejects (unmatched routes, ...) as a Kubernetes Status too. */
import type { ServerResponse } from 'node:http';
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ApiError } from '@chronokube/core';
import { sendError } from './respond';

@Catch()
export class StatusFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<ServerResponse>();
    if (exception instanceof HttpException) {
      const code = exception.getStatus();
      const reason = code === 404 ? 'NotFound' : code === 405 ? 'MethodNotAllowed' : 'BadRequest';
      const message = code === 404 ? 'the server could not find the requested resource' : exception.message;
      return sendError(res, new ApiError(code, reason, message, code === 404 ? {} : undefined));
    }
    sendError(res, exception);
  }
}
